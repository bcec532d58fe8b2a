#!/usr/bin/env python3
"""Records keras.applications' architectures (weights=None) for cnnsh's zoo tests: per model
its parameter counts and every layer's name, class, output shape and parameter count.

Run with the Keras venv: ~/.cnnsh-keras/bin/python scripts/dev/record-zoo.py
Writes Tests/cnnshTests/Fixtures/zoo/<name>.json."""
import json, os, sys
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras
from keras import applications as A

MODELS = {
    "vgg16": (A.VGG16, {}),
    "resnet50": (A.ResNet50, {}),
    "resnet101": (A.ResNet101, {}),
    "mobilenet_v2": (A.MobileNetV2, {}),
    "densenet121": (A.DenseNet121, {}),
    "inception_v3": (A.InceptionV3, {}),
    "xception": (A.Xception, {}),
    "efficientnet_b0": (A.EfficientNetB0, {}),
    # A headless variant, as fine-tuning uses it.
    "resnet50_notop_avg": (A.ResNet50, {"include_top": False, "pooling": "avg", "input_shape": (128, 128, 3)}),
    "mobilenet_v2_notop_160": (A.MobileNetV2, {"include_top": False, "input_shape": (160, 160, 3)}),
}

def count(weights):
    return int(sum(int(w.numpy().size) for w in weights))

out_dir = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "cnnshTests", "Fixtures", "zoo")
os.makedirs(out_dir, exist_ok=True)
for name, (make, kwargs) in MODELS.items():
    if len(sys.argv) > 1 and name not in sys.argv[1:]:
        continue
    keras.backend.clear_session()
    m = make(weights=None, **kwargs)
    layers = []
    for l in m.layers:
        shape = l.output.shape if hasattr(l, "output") else None
        layers.append({"name": l.name, "class": type(l).__name__,
                       "output_shape": [d for d in shape[1:]] if shape is not None else None,
                       "params": int(l.count_params())})
    record = {"keras": keras.__version__, "model": name, "name": m.name, "kwargs": {k: list(v) if isinstance(v, tuple) else v for k, v in kwargs.items()},
              "total": count(m.weights), "trainable": count(m.trainable_weights),
              "non_trainable": count(m.non_trainable_weights), "layers": layers}
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(record, f, indent=1)
    print(f"{name}: {record['total']:,} params ({record['trainable']:,} trainable), {len(layers)} layers")
