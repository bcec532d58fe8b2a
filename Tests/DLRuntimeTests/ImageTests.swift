import Foundation
import Testing
@testable import DLRuntime

/// JPEG/PNG decoding, resizing, image folders and the splits, on small committed fixtures
/// (made with Pillow: see the values each test expects).
@Suite struct ImageTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/images")

    func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

    func pixel(_ im: RGBImage, _ x: Int, _ y: Int) -> [Int] {
        (0..<3).map { Int(im.pixels[(y * im.width + x) * 3 + $0]) }
    }

    func close(_ a: [Int], _ b: [Int], _ tolerance: Int = 6) -> Bool { zip(a, b).allSatisfy { abs($0 - $1) <= tolerance } }

    @Test func decodesColourGrayCMYKAndAlpha() throws {
        let rgb = try ImageCodec.decode(path: fixture("rgb.jpg"))
        #expect(rgb.width == 16 && rgb.height == 8)
        #expect(close(pixel(rgb, 1, 1), [220, 30, 30]) && close(pixel(rgb, 14, 6), [30, 30, 220]))
        let gray = try ImageCodec.decode(path: fixture("gray.jpg"))
        #expect(close(pixel(gray, 3, 3), [128, 128, 128], 2))
        let cmyk = try ImageCodec.decode(path: fixture("cmyk.jpg"))
        #expect(close(pixel(cmyk, 1, 1), [220, 30, 30]) && close(pixel(cmyk, 14, 6), [30, 30, 220]))
        // Alpha is dropped, not composited (Pillow's convert("RGB")): exact values.
        let alpha = try ImageCodec.decode(path: fixture("alpha.png"))
        #expect(pixel(alpha, 5, 5) == [10, 200, 90])
        // 16-bit grayscale scales to 8 bits (32768 / 257 = 127.5), without a gamma curve.
        #expect(pixel(try ImageCodec.decode(path: fixture("gray16.png")), 0, 0) == [128, 128, 128])
    }

    @Test(arguments: [("truncated.jpg", "JPEG"), ("empty.jpg", "empty"), ("notimage.jpg", "not a JPEG or PNG")])
    func brokenFilesSayWhy(file: String, reason: String) throws {
        let e = expectError(.imageNotDecodable) { _ = try ImageCodec.decode(path: fixture(file)) }
        #expect(e?.message.contains(file) == true)
        #expect(e?.message.contains(reason) == true, "\(e?.message ?? "")")
    }

    @Test func pngRoundTrip() throws {
        let pixels = (0..<(5 * 3 * 3)).map { UInt8($0 * 5) }
        let png = try ImageCodec.encodePNG(pixels, width: 5, height: 3, channels: 3)
        #expect(try ImageCodec.decode(png, name: "x").pixels == pixels)
    }

    @Test func resizeAveragesWhenShrinkingAndInterpolatesWhenGrowing() throws {
        // 4x1 -> 2x1: the triangle widened to the shrink factor weighs the two pixels under
        // an output 3:3 and the next one 1 (Pillow gives [71, 117] for this row).
        let row = RGBImage(width: 4, height: 1, pixels: [0, 0, 0, 100, 100, 100, 200, 200, 200, 40, 40, 40])
        let half = ImageResize.resize(row, width: 2, height: 1)
        #expect(pixel(half, 0, 0)[0] == 71 && pixel(half, 1, 0)[0] == 117)
        let grown = ImageResize.resize(RGBImage(width: 2, height: 1, pixels: [0, 0, 0, 200, 200, 200]), width: 4, height: 1)
        #expect(grown.pixels.enumerated().filter { $0.offset % 3 == 0 }.map { Int($0.element) } == [0, 50, 150, 200])
        // Uniform images stay uniform at every size.
        let flat = RGBImage(width: 7, height: 5, pixels: [UInt8](repeating: 77, count: 7 * 5 * 3))
        #expect(ImageResize.resize(flat, width: 3, height: 11).pixels.allSatisfy { $0 == 77 })
    }

    func folder(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-folder-\(UUID().uuidString)")
        for (target, source) in files {
            let url = root.appendingPathComponent(target)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: fixture(source), toPath: url.path)
        }
        return root.path
    }

    @Test func folderLabelsBySortedClassAndSkipsBrokenFiles() throws {
        let root = try folder(["Dog/a.jpg": "rgb.jpg", "Dog/b.png": "alpha.png", "Dog/broken.jpg": "truncated.jpg",
                               "Cat/c.jpg": "gray.jpg", "Cat/d.jpg": "cmyk.jpg", "Cat/empty.jpg": "empty.jpg",
                               "Cat/Thumbs.db": "notimage.jpg"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        var o = ImageFolder.Options()
        o.size = (4, 6); o.seed = 3
        let out = TextBuffer()
        let d = try ImageFolder.load(root, options: o, sink: out)
        #expect(d.classes == ["Cat", "Dog"])
        #expect(d.x.shape == [4, 4, 6, 3] && d.x.dtype == .uint8)
        #expect(d.y.data.sorted() == [0, 0, 1, 1])
        #expect(Set(d.skipped.map(\.file)) == ["Dog/broken.jpg", "Cat/empty.jpg"])
        #expect(out.text.contains("Found 4 images belonging to 2 classes: Cat=0 (2), Dog=1 (2)"))
        #expect(out.text.contains("skipped 2 of 6 files"))
        #expect(out.text.contains("Cat/empty.jpg (the file is empty)"))
        // The same seed gives the same order.
        let again = try ImageFolder.load(root, options: o, sink: TextBuffer())
        #expect(again.y == d.y && again.x.bytes == d.x.bytes)
        // Each image's label matches its content: the gray cat is the one with equal channels.
        for i in 0..<4 where d.x.bytes[i * 72] == d.x.bytes[i * 72 + 1] && d.x.bytes[i * 72] == d.x.bytes[i * 72 + 2] {
            #expect(d.y.data[i] == 0)
        }
    }

    @Test func folderMistakesGetClearMessages() throws {
        let one = try folder(["Cat/a.jpg": "rgb.jpg"])
        defer { try? FileManager.default.removeItem(atPath: one) }
        expectError(.tooFewClasses) { _ = try ImageFolder.load(one, options: ImageFolder.Options(), sink: TextBuffer()) }
        expectError(.folderMissing) { _ = try ImageFolder.load(one + "/nope", options: ImageFolder.Options(), sink: TextBuffer()) }
        let emptyClass = try folder(["Cat/a.jpg": "rgb.jpg", "Dog/notes.txt": "notimage.jpg"])
        defer { try? FileManager.default.removeItem(atPath: emptyClass) }
        expectError(.classFolderEmpty) { _ = try ImageFolder.load(emptyClass, options: ImageFolder.Options(), sink: TextBuffer()) }
        let mixed = try folder(["Cat/a.jpg": "rgb.jpg", "Dog/b.png": "gray16.png", "Dog/c.jpg": "truncated.jpg"])
        defer { try? FileManager.default.removeItem(atPath: mixed) }
        var o = ImageFolder.Options()
        o.size = nil
        #expect(try ImageFolder.load(mixed, options: o, sink: TextBuffer()).x.shape == [2, 8, 16, 3])
        let sizes = try folder(["Cat/a.jpg": "rgb.jpg", "Dog/b.png": "pixel.png"])
        defer { try? FileManager.default.removeItem(atPath: sizes) }
        let e = expectError(.mixedImageSizes) { _ = try ImageFolder.load(sizes, options: o, sink: TextBuffer()) }
        #expect(e?.message.contains("size=") == true)
        var pick = ImageFolder.Options()
        pick.classes = ["Cat", "Horse"]
        expectError(.classFolderMissing) { _ = try ImageFolder.load(mixed, options: pick, sink: TextBuffer()) }
    }

    @Test func stratifiedSplitKeepsClassSharesAndBalanceEvensThem() throws {
        let labels = [Int](repeating: 0, count: 60) + [Int](repeating: 1, count: 30) + [Int](repeating: 2, count: 10)
        var r = RandomSource(seed: 4)
        let (train, test) = Split.trainTest(labels: labels, testCount: 25, stratify: true, random: &r)
        #expect(test.count == 25 && train.count == 75 && Set(train).isDisjoint(with: test))
        let counts = [0, 1, 2].map { c in test.filter { labels[$0] == c }.count }
        // 15, 7.5, 2.5: the two halves go to the largest remainders, in class order.
        #expect(counts.reduce(0, +) == 25 && counts[0] == 15 && (7...8).contains(counts[1]) && (2...3).contains(counts[2]))
        let kept = Split.balanced(labels: labels, random: &r)
        #expect(kept.count == 30 && [0, 1, 2].allSatisfy { c in kept.filter { labels[$0] == c }.count == 10 })
        // One-hot labels stratify by their argmax.
        #expect(ClassLabels.from(Tensor(shape: [2, 3], data: [0, 0, 1, 0, 1, 0])) == [2, 1])
    }
}
