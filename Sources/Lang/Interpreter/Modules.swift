/// Python module names a pasted notebook cell uses (`np.zeros`, `keras.layers.Dense`,
/// `tf.keras.utils.to_categorical`): each is a namespace whose attributes are builtins.
enum Modules {
    static let names: [String: String] = [
        "np": "numpy", "numpy": "numpy", "tf": "tensorflow", "tensorflow": "tensorflow", "keras": "keras",
        "layers": "keras.layers", "models": "keras.models", "optimizers": "keras.optimizers",
        "utils": "keras.utils", "datasets": "keras.datasets", "callbacks": "keras.callbacks",
        "losses": "keras.losses", "random": "numpy.random", "mnist": "keras.datasets.mnist",
        "cifar10": "keras.datasets.cifar10", "plt": "matplotlib.pyplot", "pd": "pandas",
    ]

    static func alias(_ name: String) -> String? { names[name] }

    /// Builtins that a module attribute names under another spelling.
    static let renamed: [String: String] = ["load_data": "load_mnist", "to_categorical": "one_hot"]
}
