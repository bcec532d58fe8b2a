/// Keras's defaults, in one place, each with where Keras defines it (Keras 3 sources).
public enum KerasDefaults {
    /// keras/src/backend/config.py `epsilon()`: fuzz factor, also the cross-entropy clip.
    public static let epsilon: Float = 1e-7
    /// keras/src/optimizers/adam.py
    public static let adam = (learningRate: Float(0.001), beta1: Float(0.9), beta2: Float(0.999), epsilon: Float(1e-7))
    /// keras/src/optimizers/adadelta.py (learning_rate 0.001, as in Keras 2.x the reports used)
    public static let adadelta = (learningRate: Float(0.001), rho: Float(0.95), epsilon: Float(1e-7))
    /// keras/src/optimizers/adagrad.py
    public static let adagrad = (learningRate: Float(0.001), initialAccumulator: Float(0.1), epsilon: Float(1e-7))
    /// keras/src/optimizers/rmsprop.py
    public static let rmsprop = (learningRate: Float(0.001), rho: Float(0.9), momentum: Float(0), epsilon: Float(1e-7))
    /// keras/src/optimizers/sgd.py
    public static let sgd = (learningRate: Float(0.01), momentum: Float(0))
    /// keras/src/layers/normalization/batch_normalization.py
    public static let batchNorm = (momentum: Float(0.99), epsilon: Float(1e-3))
    /// keras/src/layers/activations/leaky_relu.py (`negative_slope`)
    public static let leakyReluSlope: Float = 0.3
    /// keras/src/trainers/trainer.py `fit`
    public static let batchSize = 32
}
