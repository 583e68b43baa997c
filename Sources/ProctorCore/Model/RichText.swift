/// Text as authors write it in a bank: paragraphs of flowing text and preformatted exhibits.
public struct RichText: Sendable, Hashable {
    /// One block of a stem, scenario or explanation.
    public enum Block: Sendable, Hashable {
        /// Flowing text, whitespace already collapsed; wrapped by the renderer.
        case paragraph(String)
        /// Preformatted text (tables, diagrams, data), whitespace kept.
        case exhibit(title: String?, text: String)
    }

    public var blocks: [Block]

    public init(blocks: [Block]) {
        self.blocks = blocks
    }

    /// A single paragraph of text.
    public init(_ paragraph: String) {
        self.blocks = paragraph.isEmpty ? [] : [.paragraph(paragraph)]
    }

    /// The paragraphs alone, joined by blank lines: for comparisons and one-line summaries.
    public var plainText: String {
        blocks.compactMap { block -> String? in
            switch block {
            case .paragraph(let text): text
            case .exhibit: nil
            }
        }.joined(separator: "\n\n")
    }

    /// Whether there is nothing to show.
    public var isEmpty: Bool { blocks.isEmpty }
}
