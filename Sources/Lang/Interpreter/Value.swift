import DLRuntime

/// A Python list: a reference, so `rows.append(x)` is seen by every name bound to it.
public final class ListBox { public var items: [Value]; public init(_ items: [Value]) { self.items = items } }

/// A NumPy array: a reference, so `a[i] = 1` changes the array every name sees.
///
/// A loaded data set stays in bytes (`ByteTensor`) through what data preparation does to it
/// (`/ 255`, `astype`, reshapes, row slices, fit, evaluate, predict). Any other operation
/// reads `t`, a float copy made for it and dropped after (`x_train.max()` costs a moment and
/// memory only while it runs); changing an element (`x[0, 0] = 1`) turns the array into
/// floats for good.
public final class TensorBox {
    private var floats: Tensor
    public private(set) var bytes: ByteTensor?

    public init(_ t: Tensor) { floats = t }
    public init(bytes: ByteTensor) { self.bytes = bytes; floats = Tensor(zeros: [0]) }

    public var t: Tensor {
        get { bytes?.floats ?? floats }
        _modify { materialize(); yield &floats }
    }

    public var shape: [Int] { bytes?.shape ?? floats.shape }
    public var dtype: DType { bytes?.dtype ?? floats.dtype }
    public var count: Int { bytes?.count ?? floats.count }
    public var rank: Int { shape.count }

    /// The array for operations that keep a data set in bytes, without converting it.
    var argument: ArrayArgument { bytes.map { .bytes($0) } ?? .floats(floats) }

    private func materialize() {
        guard let b = bytes else { return }
        floats = b.floats
        bytes = nil
    }
}

/// A dict with insertion order, keyed by hashable values.
public final class DictBox {
    public private(set) var keys: [Value] = []
    private var index: [DictKey: Int] = [:]
    public private(set) var values: [Value] = []
    public init() {}

    public func get(_ k: Value) -> Value? { DictKey(k).flatMap { index[$0] }.map { values[$0] } }

    public func set(_ k: Value, _ v: Value) throws {
        guard let key = DictKey(k) else { throw CnnError(.unhashable, k.typeName) }
        if let i = index[key] { values[i] = v } else { index[key] = keys.count; keys.append(k); values.append(v) }
    }
}

/// The hashable subset of values (dict keys).
enum DictKey: Hashable {
    case none, bool(Bool), number(Double), string(String), tuple([DictKey])
    init?(_ v: Value) {
        switch v {
        case .none: self = .none
        case .bool(let b): self = .number(b ? 1 : 0)
        case .int(let i): self = .number(Double(i))
        case .float(let d): self = .number(d)
        case .string(let s): self = .string(s)
        case .tuple(let items):
            var ks: [DictKey] = []
            for i in items { guard let k = DictKey(i) else { return nil }; ks.append(k) }
            self = .tuple(ks)
        default: return nil
        }
    }
}

/// A layer value before it joins a model: Keras lets the first layer carry `input_shape=`.
public final class LayerBox {
    public let layer: Layer
    public var inputShape: [Int]?
    public init(_ layer: Layer, inputShape: [Int]? = nil) { self.layer = layer; self.inputShape = inputShape }
}

/// The functional API's placeholder tensor (Keras's KerasTensor): an `Input`, or the
/// output of a layer applied to earlier placeholders. Following `inputs` back from a model's
/// output gives its graph.
public final class SymbolicTensor {
    /// Per-sample shape.
    public let shape: [Int]
    /// The layer that computed it; nil for an `Input`.
    public let layer: Layer?
    public let inputs: [SymbolicTensor]
    /// An `Input`'s name (`input_layer`, ...).
    public let inputName: String

    init(input shape: [Int], name: String) {
        self.shape = shape; layer = nil; inputs = []; inputName = name
    }

    init(layer: Layer, inputs: [SymbolicTensor]) {
        shape = layer.outputShape; self.layer = layer; self.inputs = inputs; inputName = ""
    }

    /// The `Input`s this value descends from.
    var roots: [SymbolicTensor] {
        var seen = Set<ObjectIdentifier>(), out: [SymbolicTensor] = [], stack = [self]
        while let t = stack.popLast() {
            guard seen.insert(ObjectIdentifier(t)).inserted else { continue }
            if t.layer == nil { out.append(t) } else { stack += t.inputs }
        }
        return out
    }
}

/// A function written in cnnsh (`def` or `lambda`).
public final class Function {
    public let name: String
    public let parameters: [Parameter]
    public let defaults: [Value?]
    public let body: [Stmt]
    /// A lambda's body is one expression, returned.
    public let expression: Expr?
    init(name: String, parameters: [Parameter], defaults: [Value?], body: [Stmt], expression: Expr?) {
        self.name = name; self.parameters = parameters; self.defaults = defaults; self.body = body; self.expression = expression
    }
}

/// Every value a cnnsh program handles.
public indirect enum Value {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list(ListBox)
    case tuple([Value])
    case dict(DictBox)
    case tensor(TensorBox)
    case layer(LayerBox)
    case model(Model)
    case optimizer(Optimizer)
    case history(History)
    case function(Function)
    case builtin(Builtin)
    case method(Builtin, Value)
    case module(String)
    case symbolic(SymbolicTensor)
    case callback(TrainingCallback)

    public static func tensor(_ t: Tensor) -> Value { .tensor(TensorBox(t)) }
    public static func tensor(_ t: ByteTensor) -> Value { .tensor(TensorBox(bytes: t)) }
    public static func list(_ items: [Value]) -> Value { .list(ListBox(items)) }

    /// The Python type name, for messages.
    public var typeName: String {
        switch self {
        case .none: return "None"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case .tensor: return "array"
        case .layer(let l): return l.layer.typeName
        case .model: return "Model"
        case .optimizer(let o): return o.displayName
        case .history: return "History"
        case .function: return "function"
        case .builtin, .method: return "builtin"
        case .module(let m): return "module \(m)"
        case .symbolic: return "KerasTensor"
        case .callback: return "Callback"
        }
    }

    /// Python truthiness.
    public var truthy: Bool {
        switch self {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .tuple(let t): return !t.isEmpty
        case .dict(let d): return !d.keys.isEmpty
        case .tensor(let b): return b.count == 1 ? b.t.data[0] != 0 : b.count > 0
        default: return true
        }
    }

    /// The value as a number, if it is one (bools count, as in Python; one-element arrays too).
    public var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .bool(let b): return b ? 1 : 0
        case .tensor(let b) where b.count == 1: return Double(b.t.data[0])
        default: return nil
        }
    }

    /// The value as an integer, if it is integral.
    public var integer: Int? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .float(let d) where d == d.rounded() && abs(d) < 1e15: return Int(d)
        case .tensor(let b) where b.count == 1 && b.t.data[0] == b.t.data[0].rounded(): return Double(b.t.data[0]).exactInt
        default: return nil
        }
    }
}
