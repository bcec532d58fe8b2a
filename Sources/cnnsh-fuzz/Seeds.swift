import Foundation
import DLRuntime

/// Starting inputs for each target, made from cnnsh's own writers (a small model file, a
/// CIFAR batch, an IDX file); the scripts, examples and test images in the repository are
/// added by `scripts/fuzz`.
enum Seeds {
    static func write(target: String, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func put(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        let random = RandomSource(seed: 1)
        switch target {
        case "idx":
            let images = Tensor(shape: [3, 4, 5], data: (0..<60).map { Float($0 * 4) }, dtype: .uint8)
            try put("images.idx", IDX.encode(images))
            try put("labels.idx", IDX.encode(Tensor(shape: [3], data: [1, 7, 9], dtype: .uint8)))
        case "cifar":
            let x = Tensor(shape: [2, 32, 32, 3], data: (0..<6144).map { Float($0 % 256) }, dtype: .uint8)
            try put("batch.bin", CIFAR10.encode(x: x, y: Tensor(shape: [2, 1], data: [3, 9], dtype: .uint8)))
        case "model-file":
            // The body after magic and version, without the checksum the target adds back.
            for (name, layers) in [("dense", [Flatten(), Dense(units: 3, activation: .softmax)] as [Layer]),
                                   ("conv", [Conv2D(filters: 2, kernel: (3, 3)), Pooling2D(.max, pool: (2, 2)), BatchNormalization(), Flatten(), Dense(units: 2)])] {
                let model = Model(name: name, layers: layers)
                try model.build(inputShape: [6, 6, 1], random: random)
                let file = [UInt8](try ModelFile.encode(model))
                try put("\(name).cnnm", Array(file[12..<(file.count - 4)]))
            }
        case "keras":
            let model = Model(name: "seed", layers: [Conv2D(filters: 2, kernel: (3, 3)), Flatten(), Dense(units: 2)])
            try model.build(inputShape: [5, 5, 1], random: random)
            let path = folder.appendingPathComponent("seed.keras").path
            try KerasFile.save(model, to: path)
        default:
            break
        }
    }
}
