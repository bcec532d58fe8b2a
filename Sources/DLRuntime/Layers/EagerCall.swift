extension Layer {
    /// `layer(x)` on a concrete batch: builds the layer for x's sample shape the first time
    /// (drawing its weights from the run's random source), then runs its forward pass.
    public func applyEagerly(_ x: Tensor, training: Bool) throws -> Tensor {
        let sample = Array(x.shape.dropFirst())
        if inputShape.isEmpty || (parameters.isEmpty && inputShape != sample) {
            var random = RandomSource.shared
            defer { RandomSource.shared = random }
            try build(inputShape: sample, random: &random)
        } else if inputShape != sample {
            throw CnnError(.layerShapeMismatch, name, typeName, kerasShape(sample), Catalog.text(.theInput),
                           Catalog.text(.eagerBuiltFor, kerasShape(inputShape)))
        }
        var input = x
        input.dtype = .float32
        return forward(input, training: training)
    }
}
