import Foundation
import Testing
import DLRuntime
@testable import Lang

/// `show` from the language: a batch with labels, PNG files, and shapes it cannot draw.
@Suite struct ShowTests {
    @Test func batchesGetCaptionsAndFilesArePNG() throws {
        let out = try run("x = zeros((3, 4, 6))\nshow(x, labels=['a', 'b', 'c'], columns=3)")
        // Three 4x6 images side by side: two text rows of 6 + 2 + 6 + 2 + 6 blanks, then captions.
        let blank = String(repeating: " ", count: 22)
        #expect(out == blank + "\n" + blank + "\na       b       c\n")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-\(UUID().uuidString).png").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try run("show(ones((2, 5, 7, 3)), file='\(path)', columns=2)")
        let png = try ImageCodec.decode(path: path)
        #expect(png.width == 2 * 7 + 2 && png.height == 5)
        #expect(png.pixels.allSatisfy { $0 == 255 })  // ones as floats in [0, 1] are white
        #expect(failure("show(zeros((2, 3, 4, 5)))").error?.key == .showShape)
        #expect(failure("show(zeros((4, 4)), file='x.jpg')").error?.key == .showFileKind)
    }
}
