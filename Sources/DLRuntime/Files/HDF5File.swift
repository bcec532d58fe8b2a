import Foundation
import CHDF5

/// An HDF5 file through libhdf5 (Keras's `model.weights.h5` and `.weights.h5` files):
/// float32 datasets and groups by path.
final class HDF5File {
    let id: Int64
    let path: String

    private init(id: Int64, path: String) { self.id = id; self.path = path }

    static func open(_ path: String) throws -> HDF5File {
        let id = h5b_open(path)
        guard id >= 0 else { throw CnnError(.hdf5Unreadable, path) }
        return HDF5File(id: id, path: path)
    }

    static func create(_ path: String) throws -> HDF5File {
        let id = h5b_create(path)
        guard id >= 0 else { throw CnnError(.fileNotWritable, path) }
        return HDF5File(id: id, path: path)
    }

    deinit { h5b_close(id) }

    func exists(_ object: String) -> Bool { h5b_exists(id, object) == 1 }

    /// A dataset's values as a float32 tensor of its shape.
    func read(_ object: String) throws -> Tensor {
        var dims = [Int64](repeating: 0, count: 8)
        let rank = Int(h5b_shape(id, object, &dims))
        guard rank >= 0 else { throw CnnError(.hdf5Unreadable, path + ":" + object) }
        let shape = dims[0..<rank].map { Int($0) }
        var t = Tensor(zeros: shape)
        let count = t.count
        let ok = t.data.withUnsafeMutableBufferPointer { h5b_read(id, object, $0.baseAddress, Int64(count)) }
        guard ok == 0 else { throw CnnError(.hdf5Unreadable, path + ":" + object) }
        return t
    }

    func group(_ object: String) throws {
        guard h5b_group(id, object) == 0 else { throw CnnError(.fileNotWritable, path + ":" + object) }
    }

    func write(_ object: String, _ t: Tensor) throws {
        let dims = t.shape.map { Int64($0) }
        let ok = t.data.withUnsafeBufferPointer { h5b_write(id, object, Int32(dims.count), dims, $0.baseAddress) }
        guard ok == 0 else { throw CnnError(.fileNotWritable, path + ":" + object) }
    }

    /// A string attribute's items (one, or an array), or nil when there is none.
    func strings(_ object: String, _ name: String) -> [String]? {
        var size: Int64 = 4096
        while true {
            var buffer = [CChar](repeating: 0, count: Int(size))
            let needed = h5b_read_strings(id, object, name, &buffer, size)
            guard needed >= 0 else { return nil }
            if needed < size {
                let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                return needed == 0 ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            }
            size = needed + 1
        }
    }

    func setAttribute(_ object: String, _ name: String, _ value: String) throws {
        guard h5b_string_attribute(id, object, name, value) == 0 else { throw CnnError(.fileNotWritable, path + ":" + object) }
    }
}
