"""PyTorch and ModelGen, both directions, with the real torch (Debian's python3-torch 1.13). Not picked up by
`unittest discover` (the name does not start with test): .ci/run runs it with the interpreter that has torch,
`cd interop/python && /usr/bin/python3 -m unittest -v torch_interop`, after `dotnet test` wrote the fixtures, and
then runs tests/ModelGen.Interop.Check on what it wrote. Without torch every test here fails (an ImportError):
nothing is skipped.

1. .NET -> PyTorch: the MLP that tests/ModelGen.Interop.Tests trained in .NET (mlp.mgen) becomes a torch.nn.Module's
   parameters, as tensors over the arrays the reader returned (no copy), and its logits on the test set
   (mlp-test.mgen) are compared with .NET's:
   - bit for bit with the elementwise path (reference_logits: per output, the bias, then + w * x for each input in
     order, each multiply and add rounded to float32, then ReLU), which performs exactly the operations of
     Mlp.Forward in .NET;
   - within TOLERANCE with torch.nn.Linear (an sgemm: the sums are blocked, vectorized and may use fused
     multiply-add, so they round in another order; a float32 dot of n terms may differ by about n * 2^-24 of the
     sum of the terms' magnitudes). The predicted classes are the same.
2. PyTorch -> .NET: an MLP trained here with torch.optim.SGD is saved with modelgen.save (no pickle) into
   FIXTURES/from-python with the test set and both logits; tests/ModelGen.Interop.Check loads it into the .NET Mlp
   class and checks that .NET's logits equal the elementwise ones bit for bit and the module's within TOLERANCE.
"""

import os
import struct
import unittest

import numpy
import torch

import modelgen
from tests.support import FIXTURES, fixture_path

OUT = os.path.join(FIXTURES, "from-python")
TOLERANCE = dict(rtol=1e-5, atol=1e-5)
STATE = {"0.weight": "hiddenWeight", "0.bias": "hiddenBias", "2.weight": "outputWeight", "2.bias": "outputBias"}


def mlp(hidden):
    return torch.nn.Sequential(torch.nn.Linear(4, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 2))


def reference_logits(module, x):
    """The logits by the operations of Mlp.Forward in .NET: elementwise float32 multiply and add, in input order."""
    def layer(x, weight, bias, relu):
        total = bias.unsqueeze(0).expand(x.shape[0], -1)
        for i in range(weight.shape[1]):
            total = total + x[:, i:i + 1] * weight[:, i].unsqueeze(0)
        return torch.where(total > 0, total, torch.zeros_like(total)) if relu else total
    with torch.no_grad():
        h = layer(x, module[0].weight, module[0].bias, True)
        return layer(h, module[2].weight, module[2].bias, False)


def bits(t):
    return t.contiguous().view(torch.int32)


def accuracy(logits, labels):
    return (logits.argmax(dim=1) == labels).double().mean().item()


class DotNetToTorch(unittest.TestCase):
    def test_the_mlp_trained_in_dotnet_predicts_the_same_in_pytorch(self):
        schema = fixture_path("mlp.lock.json")
        saved = modelgen.load(fixture_path("mlp.mgen"), schema=schema, use_numpy=True)
        test = modelgen.load(fixture_path("mlp-test.mgen"), schema=schema, use_numpy=True)
        self.assertEqual(saved["trainedBy"], "ModelGen .NET")
        module = mlp(saved["hiddenBias"].shape[0])
        modelgen.set_parameters(module, {key: saved[name] for key, name in STATE.items()})
        # No copy: each parameter is a view of the array the reader returned.
        for key, name in STATE.items():
            self.assertEqual(module.state_dict()[key].data_ptr(), saved[name].__array_interface__["data"][0], key)

        x = modelgen.tensor(test["inputs"])
        self.assertEqual(x.data_ptr(), test["inputs"].__array_interface__["data"][0])
        dotnet = torch.from_numpy(test["logits"])
        with torch.no_grad():
            module_logits = module(x)
        reference = reference_logits(module, x)
        self.assertTrue(torch.equal(bits(reference), bits(dotnet)),
                        "the elementwise path differs from .NET's logits in %d of %d values"
                        % (int((bits(reference) != bits(dotnet)).sum()), dotnet.numel()))
        difference = (module_logits - dotnet).abs().max().item()
        print("\n.NET -> PyTorch: %d test inputs, elementwise logits bit-identical to .NET's; torch.nn.Module logits "
              "within %.2e (max |difference|); accuracy %.3f" % (x.shape[0], difference, accuracy(module_logits, torch.from_numpy(test["labels"]).long())))
        self.assertTrue(torch.allclose(module_logits, dotnet, **TOLERANCE), "max |difference| %g" % difference)
        self.assertTrue(torch.equal(module_logits.argmax(dim=1), dotnet.argmax(dim=1)))
        self.assertGreaterEqual(accuracy(module_logits, torch.from_numpy(test["labels"]).long()), 0.85)

    def test_packed_arrays_become_tensors_without_a_copy(self):
        saved = modelgen.load(fixture_path("mlp.mgen"), schema=fixture_path("mlp.lock.json"), use_numpy=True)
        weight = saved["hiddenWeight"]
        t = modelgen.tensor(weight)
        t[0, 0] = 42.0  # a view: the write shows through the array
        self.assertEqual(weight[0, 0], numpy.float32(42.0))
        plain = modelgen.load(fixture_path("mlp.mgen"), schema=fixture_path("mlp.lock.json"), use_numpy=False)
        bias = plain["hiddenBias"]  # array.array without numpy: torch.frombuffer shares it too
        tb = modelgen.tensor(bias)
        tb[0] = 7.0
        self.assertEqual(bias[0], 7.0)


class TorchToDotNet(unittest.TestCase):
    def test_an_mlp_trained_in_pytorch_is_saved_for_dotnet(self):
        schema = fixture_path("mlp.lock.json")
        test = modelgen.load(fixture_path("mlp-test.mgen"), schema=schema, use_numpy=True)
        torch.manual_seed(0)
        inputs = torch.randn(1000, 4)
        labels = ((inputs[:, 0] + inputs[:, 1] * inputs[:, 2] - 0.5 * inputs[:, 3]) > 0).long()
        module = mlp(16)
        optimizer = torch.optim.SGD(module.parameters(), lr=0.5)
        loss = torch.nn.CrossEntropyLoss()
        for _ in range(300):
            optimizer.zero_grad()
            loss(module(inputs), labels).backward()
            optimizer.step()

        x = torch.from_numpy(test["inputs"])
        with torch.no_grad():
            module_logits = module(x)
        reference = reference_logits(module, x)
        self.assertTrue(torch.allclose(module_logits, reference, **TOLERANCE))
        test_labels = torch.from_numpy(test["labels"]).long()
        self.assertGreaterEqual(accuracy(module_logits, test_labels), 0.85)

        os.makedirs(OUT, exist_ok=True)
        state = module.state_dict()
        weights = {name: state[key] for key, name in STATE.items()}  # tensors: the writer takes them as they are
        weights["trainedBy"] = "PyTorch " + torch.__version__
        model_path = os.path.join(OUT, "torch-mlp.mgen")
        modelgen.save(model_path, weights, schema, model="Interop.Mlp")
        modelgen.save(os.path.join(OUT, "torch-mlp-test.mgen"),
                      {"inputs": test["inputs"], "labels": test["labels"], "logits": reference, "moduleLogits": module_logits},
                      schema, model="Interop.MlpTestSet")

        # What was written reads back exactly, through the reader.
        back = modelgen.load(model_path, schema=schema, use_numpy=True)
        for key, name in STATE.items():
            self.assertEqual(back[name].tobytes(), state[key].numpy().tobytes(), name)
        print("\nPyTorch -> .NET: trained in torch %s (test accuracy %.3f), saved %d bytes with modelgen.save into %s"
              % (torch.__version__, accuracy(module_logits, test_labels), os.path.getsize(model_path), OUT))


if __name__ == "__main__":
    unittest.main()
