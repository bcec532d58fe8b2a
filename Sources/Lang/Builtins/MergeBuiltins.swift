import DLRuntime

/// Keras's merge layers: the classes (`Add()([x, y])`, `Concatenate(axis=-1)`) and the
/// functions (`add([x, y])`, `concatenate([x, y])`, `multiply`, ...). On placeholders they
/// join a functional model's graph; on arrays they compute at once.
enum MergeBuiltins {
    /// `add([x, y])` and friends: the merge layer applied to the list at once.
    static func apply(_ operation: ElementwiseMerge.Operation, _ inputs: Value, _ a: Arguments) throws -> Value {
        let layer = ElementwiseMerge(operation)
        return try applyLayer(layer, inputs, a)
    }

    static func applyLayer(_ layer: MergeLayer, _ inputs: Value, _ a: Arguments) throws -> Value {
        if a.has("name") { layer.name = try a.string("name") }
        if let symbolic = try FunctionalAPI.call(layer, on: inputs, interp: a.interp) { return .symbolic(symbolic) }
        return .tensor(TensorBox(try FunctionalAPI.mergeEagerly(layer, inputs, [], interp: a.interp)))
    }

    static func register(_ t: inout BuiltinTable) {
        for operation in ElementwiseMerge.Operation.allCases {
            t.add(operation.className, ["name"]) { a in try LayerBuiltins.box(ElementwiseMerge(operation), a) }
            // `add` also appends to a model (ModelBuiltins registers it).
            if operation != .add {
                t.add(operation.rawValue, ["inputs", "name"]) { a in try apply(operation, try a.required("inputs"), a) }
            }
        }
        t.add("Concatenate", ["axis", "name"]) { a in try LayerBuiltins.box(Concatenate(axis: try a.int("axis", -1)), a) }
    }

    /// `concatenate([x, y], axis=-1)` on placeholders: Keras's layers.concatenate (its axis
    /// defaults to the channels, unlike NumPy's).
    static func concatenateLayer(_ a: Arguments) throws -> Value? {
        let inputs = try a.required("arrays")
        let layer = Concatenate(axis: try a.int("axis", -1))
        guard try FunctionalAPI.placeholders(inputs, layer, interp: a.interp) != nil else { return nil }
        return try applyLayer(layer, inputs, a)
    }
}
