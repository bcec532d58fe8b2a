import Foundation

/// The languages of the interface.
public enum InterfaceLanguage: String, Sendable { case en, es }

/// Every sentence a user reads is looked up here by key, so the Spanish interface is a second
/// table, not a hunt through the code. Placeholders are `{0}`, `{1}`, ...
public enum Catalog {
    nonisolated(unsafe) public static var language: InterfaceLanguage = .en

    /// Picks the language from `LANG`/`LC_ALL` (es_* -> Spanish), English otherwise.
    public static func languageFromEnvironment() -> InterfaceLanguage {
        let env = ProcessInfo.processInfo.environment
        let value = env["LC_ALL"] ?? env["LANG"] ?? ""
        return value.hasPrefix("es") ? .es : .en
    }

    public static func text(_ key: MessageKey, _ args: [String] = []) -> String {
        let entry = entries[key]
        var s = (language == .es ? entry?.es : entry?.en) ?? key.rawValue
        for (i, a) in args.enumerated() { s = s.replacingOccurrences(of: "{\(i)}", with: a) }
        return s
    }

    public static func text(_ key: MessageKey, _ args: CustomStringConvertible...) -> String {
        text(key, args.map { $0.description })
    }
}
