/// Where in a user's source a problem was found (1-based line and column).
public struct SourceLocation: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) {
        self.file = file; self.line = line; self.column = column
    }
}

/// The one error type users ever see: a catalogue key, its arguments, and where it happened.
///
/// The runtime throws it without a location; the interpreter adds the location of the
/// statement or expression that was running, and one renderer turns it into text.
public struct CnnError: Error, Sendable, CustomStringConvertible {
    public var key: MessageKey
    public var args: [String]
    public var location: SourceLocation?

    public init(_ key: MessageKey, _ args: CustomStringConvertible..., at location: SourceLocation? = nil) {
        self.key = key
        self.args = args.map { $0.description }
        self.location = location
    }

    /// The message in the current language, without location.
    public var message: String { Catalog.text(key, args) }
    /// For an image that cannot be decoded, just the decoder's reason (the file is named apart).
    public var reason: String { key == .imageNotDecodable && args.count == 2 ? args[1] : message }
    public var description: String { message }
}
