import Foundation
import Testing
import DLRuntime
@testable import Render

/// Images as terminal text and mosaics: sizes, colours and captions.
@Suite struct ImageTextTests {
    /// A 4x2 image: the top row black, the bottom row white, in uint8 values.
    let tiny = Tensor(shape: [2, 4], data: [0, 0, 0, 0, 255, 255, 255, 255], dtype: .uint8)

    @Test func grayscaleAndNormalisedImagesBecomeRGB() throws {
        let im = try #require(TerminalImage.rgb(tiny))
        #expect(im.width == 4 && im.height == 2 && im.pixels[12...14] == [255, 255, 255])
        // Floats in [0, 1] are scaled to bytes.
        let half = try #require(TerminalImage.rgb(Tensor(filled: 0.5, shape: [3, 3, 1])))
        #expect(half.pixels.allSatisfy { $0 == 128 })
        #expect(TerminalImage.rgb(Tensor(zeros: [3, 3, 2])) == nil)
    }

    @Test func halfBlocksCarryTheTwoPixelsColours() throws {
        let im = try #require(TerminalImage.rgb(tiny))
        let colour = TerminalImage.render(im, color: true)
        #expect(colour.count == 1)
        #expect(colour[0].contains("\u{1B}[38;2;0;0;0m\u{1B}[48;2;255;255;255m▀"))
        #expect(colour[0].components(separatedBy: "▀").count - 1 == 4)
        // Without colour: one character per column, the mean brightness from the ramp.
        let plain = TerminalImage.render(im, color: false)
        #expect(plain == ["===="])
        // An odd height keeps its last row.
        #expect(TerminalImage.render(TerminalImage.rgb(Tensor(zeros: [5, 3]))!, color: false).count == 3)
    }

    @Test func gridsCaptionAndMosaicsTile() throws {
        let im = try #require(TerminalImage.rgb(tiny))
        let lines = TerminalImage.grid([im, im, im], captions: ["cat", "dog", "a long caption"], columns: 2, color: false)
        #expect(lines == ["====  ====", "cat   dog", "====", "a lo"])
        let m = TerminalImage.mosaic([im, im, im], columns: 2)
        #expect(m.width == 4 * 2 + 2 && m.height == 2 * 2 + 2)
        // The gap column is white, the first image's top-left pixel black.
        #expect(m.pixels[0] == 0 && m.pixels[4 * 3] == 255)
        let shrunk = TerminalImage.fit(TerminalImage.rgb(Tensor(zeros: [100, 200]))!, maxWidth: 50)
        #expect(shrunk.width == 50 && shrunk.height == 25)
    }
}
