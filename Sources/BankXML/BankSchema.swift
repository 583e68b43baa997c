/// The bank format's XML Schema, `QuestionBanks/schema/proctor-bank-1.xsd`, built into the binary so
/// the loader validates the same way wherever `proctor` is installed.
public enum BankSchema {
    /// The namespace of every bank element.
    public static let namespace: StaticString = "urn:proctor:bank:1"
    /// The XInclude namespace used for `xi:include`.
    public static let xincludeNamespace: StaticString = "http://www.w3.org/2001/XInclude"
    /// The schema's text.
    public static let text = String(decoding: PackageResources.proctor_bank_1_xsd, as: UTF8.self)
}
