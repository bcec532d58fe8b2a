// swift-tools-version:6.0
import PackageDescription

// Release builds of the numeric code want the host's vector units; the flags are
// unsafe only in SwiftPM's sense (allowed for a root package).
let fast: [SwiftSetting] = [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]

let package = Package(
    name: "cnnsh",
    targets: [
        .systemLibrary(name: "CReadline", path: "Sources/CReadline", pkgConfig: "readline",
                       providers: [.apt(["libreadline-dev"])]),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CDNNL", path: "Sources/CDNNL", providers: [.apt(["libdnnl-dev"])]),
        .systemLibrary(name: "CImage", path: "Sources/CImage", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        // JPEG/PNG through libjpeg-turbo and libpng: C, because libjpeg reports errors by longjmp.
        .target(name: "CImageCodec", path: "Sources/CImageCodec",
                linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("png16")]),
        // Keras's weight files through Debian's libhdf5: C, because HDF5's type constants are macros.
        .target(name: "CHDF5", path: "Sources/CHDF5",
                cSettings: [.unsafeFlags(["-I/usr/include/hdf5/serial"])],
                linkerSettings: [.unsafeFlags(["-L/usr/lib/x86_64-linux-gnu/hdf5/serial"]), .linkedLibrary("hdf5")]),
        // The training step's element-wise loops: C for `restrict`, one copy per instruction set.
        // fp-contract off: no fused multiply-adds, so every machine gets the same numbers.
        .target(name: "CKernels", path: "Sources/CKernels",
                cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off", "-fno-math-errno"])]),
        .target(name: "DLRuntime", dependencies: ["CBLAS", "CDNNL", "CImage", "CImageCodec", "CHDF5", "CKernels"], swiftSettings: fast),
        // Charts and images as text (terminal) and files (SVG, PNG): pure functions of data.
        .target(name: "Render", dependencies: ["DLRuntime"]),
        .target(name: "Lang", dependencies: ["DLRuntime", "Render"], swiftSettings: fast),
        .executableTarget(name: "cnnsh", dependencies: ["Lang", "DLRuntime", "Render", "CReadline"]),
        // The fuzz targets (scripts/fuzz builds them under libFuzzer; built plainly, a replayer).
        .executableTarget(name: "cnnsh-fuzz", dependencies: ["Lang", "DLRuntime"]),
        .testTarget(name: "DLRuntimeTests", dependencies: ["DLRuntime"], exclude: ["Fixtures"]),
        .testTarget(name: "RenderTests", dependencies: ["Render"]),
        .testTarget(name: "LangTests", dependencies: ["Lang", "DLRuntime"]),
        .testTarget(name: "cnnshTests", dependencies: ["cnnsh"], exclude: ["scripts", "interactive_session.py", "interrupt_session.py", "two_sessions.py", "pty_session.py", "Fixtures"]),
    ],
    // Swift 5 mode: the runtime shares buffers across worker threads by design (each
    // thread writes a disjoint part); Swift 6's strict checking would need a wrapper per loop.
    swiftLanguageModes: [.v5]
)
