import Foundation

/// A folder of photos with one subfolder per class (`PetImages/Cat`, `PetImages/Dog`), read
/// as Keras's `image_dataset_from_directory` labels it: classes in sorted folder order,
/// label = position in that order. JPEG and PNG are decoded, made RGB and resized; files that
/// cannot be read (the Microsoft set has empty and broken JPEGs) are skipped and reported once.
public enum ImageFolder {
    public struct Options {
        /// (height, width); nil keeps each image's size, which must then be the same for all.
        public var size: (height: Int, width: Int)? = (128, 128)
        /// The class folders to use, in label order; nil takes every subfolder, sorted.
        public var classes: [String]?
        /// At most this many files per class, sampled at random.
        public var limitPerClass: Int?
        /// Shuffles the samples (and the per-class sampling) from this seed; nil uses the run's source.
        public var seed: UInt64?
        public var shuffle = true
        public var verbose = 1
        public init() {}
    }

    public struct Loaded {
        /// The photos as bytes (see `ByteTensor`): 2,000 at 128x128 take 98 MB, not 393.
        public var x: ByteTensor
        public var y: Tensor
        public var classes: [String]
        /// Files left out, with the reason, relative to the folder.
        public var skipped: [(file: String, reason: String)]
    }

    static let extensions: Set<String> = ["jpg", "jpeg", "png"]

    /// The class subfolders of `path`, sorted.
    public static func classNames(_ path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CnnError(.folderMissing, path, DataDirectory.root.path)
        }
        guard isDirectory.boolValue else { throw CnnError(.notAFolder, path) }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return entries.filter { entry in
            var d: ObjCBool = false
            return !entry.hasPrefix(".") && FileManager.default.fileExists(atPath: path + "/" + entry, isDirectory: &d) && d.boolValue
        }.sorted()
    }

    public static func load(_ path: String, options o: Options, sink: TextSink) throws -> Loaded {
        let available = try classNames(path)
        let classes = o.classes ?? available
        for c in classes where !available.contains(c) {
            throw CnnError(.classFolderMissing, c, path, available.joined(separator: ", "))
        }
        guard classes.count >= 2 else { throw CnnError(.tooFewClasses, path, classes.count, classes.joined(separator: ", ")) }
        if let s = o.size, s.height <= 0 || s.width <= 0 { throw CnnError(.mustBePositive, "size", "(\(s.height), \(s.width))") }

        let files = try RandomSource.with(seed: o.seed) { random in
            var files: [(file: String, label: Int)] = []
            for (label, c) in classes.enumerated() {
                let dir = path + "/" + c
                var names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
                    .filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
                guard !names.isEmpty else { throw CnnError(.classFolderEmpty, dir) }
                if let limit = o.limitPerClass, names.count > limit {
                    names.shuffle(using: &random)
                    names = Array(names.prefix(limit)).sorted()
                }
                files += names.map { (c + "/" + $0, label) }
            }
            if o.shuffle { files.shuffle(using: &random) }
            return files
        }

        let images = try decodeAll(files.map { path + "/" + $0.file }, size: o.size, verbose: o.verbose, sink: sink)
        var skipped: [(file: String, reason: String)] = []
        var kept: [(image: RGBImage, label: Int, file: String)] = []
        for (i, r) in images.enumerated() {
            switch r {
            case .success(let image): kept.append((image, files[i].label, files[i].file))
            case .failure(let failure): skipped.append((files[i].file, failure.reason))
            }
        }
        guard let first = kept.first else { throw CnnError(.noReadableImages, path) }
        if let odd = kept.first(where: { $0.image.width != first.image.width || $0.image.height != first.image.height }) {
            throw CnnError(.mixedImageSizes, first.file, "\(first.image.height)x\(first.image.width)", odd.file,
                           "\(odd.image.height)x\(odd.image.width)")
        }
        let h = first.image.height, w = first.image.width, pixels = h * w * 3
        var bytes: [UInt8] = []
        bytes.reserveCapacity(kept.count * pixels)
        var y = Tensor(zeros: [kept.count], dtype: .int64)
        for (i, k) in kept.enumerated() {
            y.data[i] = Float(k.label)
            bytes += k.image.pixels
        }
        let x = ByteTensor(shape: [kept.count, h, w, 3], bytes: bytes)
        if o.verbose > 0 {
            let counts = classes.indices.map { c in kept.filter { $0.label == c }.count }
            sink.write(Catalog.text(.foundImages, kept.count, classes.count,
                                    zip(classes, counts).enumerated().map { "\($0.element.0)=\($0.offset) (\($0.element.1))" }.joined(separator: ", ")) + "\n")
        }
        if !skipped.isEmpty {
            let named = skipped.prefix(5).map { "\($0.file) (\($0.reason))" }.joined(separator: "; ")
            let more = skipped.count > 5 ? Catalog.text(.andMore, skipped.count - 5) : ""
            sink.write(Catalog.text(.skippedImages, skipped.count, files.count, named + more) + "\n")
        }
        return Loaded(x: x, y: y, classes: classes, skipped: skipped)
    }

    /// Decodes (and resizes) every file on all cores, in chunks so a progress bar can follow.
    static func decodeAll(_ paths: [String], size: (height: Int, width: Int)?, verbose: Int, sink: TextSink) throws -> [Result<RGBImage, ImageFailure>] {
        var results = [Result<RGBImage, ImageFailure>](repeating: .failure(ImageFailure("")), count: paths.count)
        let bar = verbose > 0 ? ProgressBar(total: paths.count, sink: sink, verbose: verbose, unit: "image") : nil
        let chunk = 64
        var done = 0
        while done < paths.count {
            try Interrupt.check()
            let range = done..<min(paths.count, done + chunk)
            results.withUnsafeMutableBufferPointer { rp in
                let out = SharedPointer(rp.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: range.count) { k in
                    let i = range.lowerBound + k
                    do {
                        var image = try ImageCodec.decode(path: paths[i])
                        if let size { image = ImageResize.resize(image, width: size.width, height: size.height) }
                        out.p[i] = .success(image)
                    } catch let e as CnnError {
                        out.p[i] = .failure(ImageFailure(e.reason))
                    } catch {
                        out.p[i] = .failure(ImageFailure("\(error)"))
                    }
                }
            }
            done = range.upperBound
            bar?.update(step: done, logs: [])
        }
        bar?.finish(logs: [])
        return results
    }

    struct ImageFailure: Error { let reason: String; init(_ r: String) { reason = r } }
}
