extension Double {
    /// The number as a person writes it: 74 rather than 74.0, 12.5 as is. For keys, pass marks,
    /// weights and messages; whole numbers of any practical size print without a decimal point.
    public var compact: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
