import Foundation

extension Model {
    /// Bytes one batch needs: each layer's output is kept for backward and met by a gradient
    /// of the same size (and a copy in flight), plus weights, their gradients and two
    /// optimizer slots. An estimate, on the generous side.
    public func estimatedBytes(batch: Int, training: Bool) -> Double {
        var perSample = Double(inputShape?.reduce(1, *) ?? 0)
        for layer in layers { perSample += Double(layer.outputShape.reduce(1, *)) * (training ? 3 : 1) }
        let weights = Double(parameterCount) * (training ? 4 : 1)
        return 4 * (perSample * Double(batch) + weights)
    }

    /// Refuses a batch that cannot fit in this machine's memory before allocating any of it,
    /// saying how much it needs.
    func checkMemory(batch: Int, batchSizeArgument: Int, training: Bool) throws {
        let need = estimatedBytes(batch: batch, training: training)
        let have = Double(ProcessInfo.processInfo.physicalMemory)
        guard need < have * 0.8 else {
            throw CnnError(.batchTooLarge, batchSizeArgument, memorySize(Int(min(need, 9e18))), memorySize(Int(have)))
        }
    }
}
