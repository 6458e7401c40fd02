"""PyTorch helpers: tensors that share memory with the arrays load() gives, and a module's parameters set from them.

torch is imported when these are called, never by `import modelgen`. No pickle: torch.save/torch.load are not used."""

import array
import sys


def tensor(value):
    """A torch tensor over a packed array from load(), without a copy where the layout allows: a numpy array
    (C-contiguous, native byte order: what load() gives with numpy) becomes torch.from_numpy(value), and an
    array.array becomes torch.frombuffer(value); both share the array's memory. Anything else (nested lists, a
    non-contiguous or byte-swapped array) is copied by torch.tensor()."""
    import torch
    np = sys.modules.get("numpy")
    if np is not None and isinstance(value, np.ndarray):
        if value.flags["C_CONTIGUOUS"] and value.dtype.isnative and value.flags["WRITEABLE"]:
            return torch.from_numpy(value)
        return torch.from_numpy(np.ascontiguousarray(value, dtype=value.dtype.newbyteorder("=")).copy())
    if isinstance(value, array.array) and len(value) > 0:
        dtype = _torch_dtype(torch, value)
        if dtype is not None:
            return torch.frombuffer(value, dtype=dtype)
        return torch.tensor(value.tolist())
    return torch.tensor(value)


def _torch_dtype(torch, value):
    """The torch type of an array.array's items (torch 1.13 has no unsigned types wider than 8 bits: None)."""
    if value.typecode == "f":
        return torch.float32
    if value.typecode == "d":
        return torch.float64
    if value.typecode == "B":
        return torch.uint8
    if value.typecode in "bhilq":
        return {1: torch.int8, 2: torch.int16, 4: torch.int32, 8: torch.int64}[value.itemsize]
    return None


def set_parameters(module, state):
    """Sets a torch.nn.Module's parameters and buffers from {state_dict key: array}, each as a tensor sharing the
    array's memory (see tensor()), after checking that the keys and shapes are exactly the module's. Unlike
    module.load_state_dict(), which copies into the existing parameters, nothing is copied; the parameters do not
    require gradients (call .requires_grad_() to train further)."""
    import torch
    expected = module.state_dict()
    missing = sorted(set(expected) - set(state))
    unexpected = sorted(set(state) - set(expected))
    if missing or unexpected:
        raise KeyError("state keys differ from the module's: missing %s, unexpected %s" % (missing, unexpected))
    for name, value in state.items():
        t = tensor(value)
        if tuple(t.shape) != tuple(expected[name].shape) or t.dtype != expected[name].dtype:
            raise ValueError("%s: the module has %s %s, the model has %s %s"
                             % (name, tuple(expected[name].shape), expected[name].dtype, tuple(t.shape), t.dtype))
        owner = module
        *path, leaf = name.split(".")
        for part in path:
            owner = getattr(owner, part)
        # Module.__setattr__ registers a Parameter as the parameter, and a tensor under a buffer's name as the buffer.
        is_parameter = leaf in dict(owner.named_parameters(recurse=False))
        setattr(owner, leaf, torch.nn.Parameter(t, requires_grad=False) if is_parameter else t)
    return module
