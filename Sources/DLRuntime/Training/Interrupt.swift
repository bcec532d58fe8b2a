import Synchronization

/// Ctrl-C, as the runtime sees it: the signal handler only raises this flag; training loops
/// and the interpreter poll it between batches and statements.
public enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    public static func request() { flag.store(true, ordering: .relaxed) }
    public static var requested: Bool { flag.load(ordering: .relaxed) }
    public static func clear() { flag.store(false, ordering: .relaxed) }

    /// Throws `interrupted` (and clears the flag) if Ctrl-C was pressed: for long loops
    /// outside training, such as loading thousands of photos.
    public static func check() throws {
        if requested { clear(); throw CnnError(.interrupted) }
    }
}
