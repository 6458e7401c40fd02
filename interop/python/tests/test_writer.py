"""modelgen.save / dumps: the writer gives the bytes the .NET writer gives, and refuses what .NET refuses."""

import datetime
import decimal
import io
import os
import struct
import unittest
import uuid

import modelgen

from .support import REPO, fixture_names, fixture_path, numpy, numpy_modes, read_bytes

MODEL = {
    "name": "Py.Sample", "version": 2,
    "members": [
        {"name": "count", "key": modelgen.member_key("count"), "type": "int32"},
        {"name": "ratio", "key": modelgen.member_key("ratio"), "type": "float32"},
        {"name": "label", "key": modelgen.member_key("label"), "type": "string?"},
        {"name": "when", "key": modelgen.member_key("when"), "type": "datetime"},
        {"name": "id", "key": modelgen.member_key("id"), "type": "guid"},
        {"name": "price", "key": modelgen.member_key("price"), "type": "decimal"},
        {"name": "span", "key": modelgen.member_key("span"), "type": "timespan"},
        {"name": "grid", "key": modelgen.member_key("grid"), "type": "float64[,]"},
        {"name": "tags", "key": modelgen.member_key("tags"), "type": "list<string>"},
        {"name": "scores", "key": modelgen.member_key("scores"), "type": "map<string,int64?>"},
        {"name": "flags", "key": modelgen.member_key("flags"), "type": "bool[]"},
    ],
}
VALUE = {
    "count": -7, "ratio": 0.5, "label": None, "when": datetime.datetime(2026, 12, 5, 1, 2, 3, 456789, tzinfo=datetime.timezone.utc),
    "id": uuid.UUID("00112233-4455-6677-8899-aabbccddeeff"), "price": decimal.Decimal("-12.340"),
    "span": datetime.timedelta(days=1, microseconds=5), "grid": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.5]],
    "tags": ["a", "\u00e9t\u00e9", "\U0001F600"], "scores": {"x": 1, "y": None}, "flags": [True, False, True],
}


class WriterTests(unittest.TestCase):
    def test_every_dotnet_fixture_is_written_again_byte_for_byte(self):
        # Read each file .NET wrote and write it back in its format: the same bytes (header or schema table,
        # fingerprint, payload, checksum). renamed-v1 was written by version 1 of a model whose lock file entry is
        # version 2: it is written as version 2.
        names = [n for n in fixture_names() if n != "renamed-v1"] + ["mlp", "mlp-test"]
        for use_numpy in numpy_modes():
            for name in names:
                with self.subTest(fixture=name, numpy=use_numpy):
                    schema = fixture_path("mlp.lock.json" if name.startswith("mlp") else "schemas.lock.json")
                    data = read_bytes(name + ".mgen")
                    value = modelgen.load(data, schema=schema, use_numpy=use_numpy)
                    env = modelgen.read_envelope(data)
                    written = modelgen.dumps(value, schema, model=env.model_name, format_version=env.format_version)
                    if env.format_version == 2:
                        # The table lists members in declaration order, which a schema document (sorted by name)
                        # does not record: the file's own table is the document that gives the same bytes, and
                        # what the lock file gives reads back to the same value.
                        self.assertEqual(modelgen.load(written, schema=schema, use_numpy=use_numpy).keys(), value.keys())
                        written = modelgen.dumps(modelgen.load(data, use_numpy=use_numpy),
                                                 env.schema_table.to_schema_document(), model=env.model_name,
                                                 format_version=2)
                    self.assertEqual(written, data)

    def test_values_round_trip_through_the_reader(self):
        data = modelgen.dumps(VALUE, MODEL)
        env = modelgen.read_envelope(data)
        self.assertEqual((env.model_name, env.schema_version, env.fingerprint), ("Py.Sample", 2, modelgen.fingerprint(MODEL)))
        back = modelgen.load(data, schema=MODEL, use_numpy=False)
        self.assertEqual(back["$version"], 2)
        for name, value in VALUE.items():
            got = back[name]
            if name == "grid":
                got = [list(row) for row in got]
            elif name in ("flags",):
                got = list(got)
            elif name == "tags":
                got = list(got)
            self.assertEqual(got, value, name)
        self.assertEqual(str(back["price"]), "-12.340")  # the scale is kept
        self.assertEqual(back["when"].kind, "utc")

    def test_bytes_are_a_uint8_array(self):
        schema = {"name": "Py.Blob", "version": 1,
                  "members": [{"name": "data", "key": modelgen.member_key("data"), "type": "uint8[]"}]}
        back = modelgen.load(modelgen.dumps({"data": b"\x00\x01\xff"}, schema), schema=schema, use_numpy=False)
        self.assertEqual(bytes(back["data"]), b"\x00\x01\xff")
        with self.assertRaises(modelgen.WriteError):
            modelgen.dumps({"data": [256]}, schema)

    def test_save_writes_a_file_or_a_stream(self):
        stream = io.BytesIO()
        modelgen.save(stream, VALUE, MODEL)
        self.assertEqual(stream.getvalue(), modelgen.dumps(VALUE, MODEL))
        without = modelgen.dumps(VALUE, MODEL, checksum=False)
        self.assertEqual(without[5], 0)
        self.assertEqual(struct.unpack("<Q", without[-8:])[0], 0)
        self.assertEqual(modelgen.load(without, schema=MODEL)["count"], -7)

    def test_save_to_a_path_replaces_the_file_atomically_keeping_its_permissions(self):
        import tempfile
        from unittest import mock
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "model.mgen")
            modelgen.save(path, VALUE, MODEL)
            os.chmod(path, 0o600)
            old = dict(VALUE, count=42)
            modelgen.save(path, old, MODEL)
            self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)  # a private model stays private
            # A failure before the rename (a full disk, a crash) leaves the old file whole and no temporary file.
            with mock.patch("os.replace", side_effect=OSError("disk full")):
                with self.assertRaises(OSError):
                    modelgen.save(path, VALUE, MODEL)
            self.assertEqual(modelgen.load(path, schema=MODEL)["count"], 42)
            self.assertEqual(os.listdir(folder), ["model.mgen"])
            # A new file gets the mode open() would give it.
            umask = os.umask(0)
            os.umask(umask)
            fresh = os.path.join(folder, "fresh.mgen")
            modelgen.save(fresh, VALUE, MODEL)
            self.assertEqual(os.stat(fresh).st_mode & 0o777, 0o666 & ~umask)

    def test_bad_values_are_refused_with_the_member_path(self):
        cases = [
            (dict(VALUE, count=1 << 31), "count", "is not a int32"),
            (dict(VALUE, count=True), "count", "is not a int32"),
            (dict(VALUE, ratio="fast"), "ratio", "is not a number"),
            (dict(VALUE, id=None), "id", "not nullable"),
            (dict(VALUE, tags=["a", "\ud800"]), "tags[1]", "unpaired UTF-16 surrogate"),
            (dict(VALUE, grid=[[1.0, 2.0], [3.0]]), "grid", "rows of different lengths"),
            (dict(VALUE, price=decimal.Decimal("1e-29")), "price", "outside the .NET decimal"),
            (dict(VALUE, flags=[1, 0]), "flags", "True and False only"),
            (dict(VALUE, extra=1), "<root>", "has no member 'extra'"),
            ({k: v for k, v in VALUE.items() if k != "span"}, "<root>", "missing member span"),
        ]
        for value, path, reason in cases:
            with self.subTest(path=path, reason=reason):
                with self.assertRaises(modelgen.WriteError) as caught:
                    modelgen.dumps(value, MODEL)
                self.assertEqual(caught.exception.path or "<root>", path)
                self.assertIn(reason, str(caught.exception))

    def test_sets_refuse_what_the_dotnet_reader_would_take_as_one_item(self):
        # .NET reads set<T> into a HashSet<T> and refuses a file with two equal items: the writer never writes one.
        schema = {"name": "Py.Sets", "version": 1, "members": [
            {"name": "words", "key": modelgen.member_key("words"), "type": "set<string>"},
            {"name": "weights", "key": modelgen.member_key("weights"), "type": "set<float32>"},
        ]}
        data = modelgen.dumps({"words": {"b", "a"}, "weights": (0.5, -1.0)}, schema)
        back = modelgen.load(data, schema=schema, use_numpy=False)
        self.assertEqual(sorted(back["words"]), ["a", "b"])
        self.assertEqual(list(back["weights"]), [0.5, -1.0])
        cases = [
            ({"words": ["a", "b", "a"], "weights": []}, "words[2]"),
            ({"words": [], "weights": [0.1, 0.1000000001]}, "weights[1]"),  # one float32
            ({"words": [], "weights": [0.0, -0.0]}, "weights[1]"),  # equal in .NET
            ({"words": [], "weights": [float("nan"), float("nan")]}, "weights[1]"),  # NaN equals NaN in .NET
        ]
        for value, path in cases:
            with self.subTest(path=path, value=value):
                with self.assertRaises(modelgen.WriteError) as caught:
                    modelgen.dumps(value, schema)
                self.assertEqual(caught.exception.path, path)
                self.assertIn("duplicate", str(caught.exception))

    @unittest.skipIf(numpy is None, "numpy is not installed for this interpreter (.ci/run also runs the suite with one that has it)")
    def test_numpy_arrays_are_checked_and_converted(self):
        grid = numpy.arange(6, dtype=numpy.float32).reshape(2, 3)  # float32 values widen to float64 exactly
        back = modelgen.load(modelgen.dumps(dict(VALUE, grid=grid), MODEL), schema=MODEL, use_numpy=True)
        self.assertEqual(back["grid"].tolist(), grid.astype(numpy.float64).tolist())
        with self.assertRaises(modelgen.WriteError):
            modelgen.dumps(dict(VALUE, grid=numpy.zeros(3)), MODEL)  # rank 1 for a [,]


if __name__ == "__main__":
    unittest.main()


class TupleTests(unittest.TestCase):
    """Value tuples and KeyValuePair (format.md §3.1): written from Python tuples or lists, read back as tuples."""

    SCHEMA = {"name": "Py.Tuples", "version": 1, "members": [
        {"name": "cell", "key": 16, "type": "tuple<int32,int32>"},
        {"name": "entry", "key": 17, "type": "keyvalue<string,float64>"},
        {"name": "qTable", "key": 18, "type": "map<tuple<int32,int32>,float64>"},
        {"name": "maybe", "key": 19, "type": "tuple<string,list<int32>>?"},
    ]}

    def schema(self):
        return self.SCHEMA

    def test_tuples_round_trip_and_tuple_keys_are_dict_keys(self):
        value = {"cell": (3, 4), "entry": {"Key": "lr", "Value": 0.5}, "qTable": {(0, 1): 0.5, (3, 4): -1.0},
                 "maybe": ("a", [1, 2])}
        back = modelgen.load(modelgen.dumps(value, self.schema()), schema=self.schema())
        self.assertEqual(back["cell"], (3, 4))
        self.assertEqual(back["entry"], ("lr", 0.5))
        self.assertEqual(back["qTable"], {(0, 1): 0.5, (3, 4): -1.0})
        self.assertEqual(back["maybe"][0], "a")
        self.assertEqual(list(back["maybe"][1]), [1, 2])

    def test_wrong_arity_is_refused_by_the_writer_and_the_reader_with_the_member_path(self):
        value = {"cell": (3, 4, 5), "entry": ("k", 1.0), "qTable": {}, "maybe": None}
        with self.assertRaises(modelgen.WriteError) as caught:
            modelgen.dumps(value, self.schema())
        self.assertEqual(caught.exception.path, "cell")
        self.assertIn("holds 2 items, not 3", str(caught.exception))
        # Data of a 3-item tuple read with a schema that says 2 items.
        wide = dict(self.SCHEMA, members=[dict(self.SCHEMA["members"][0], type="tuple<int32,int32,int32>")] + self.SCHEMA["members"][1:])
        data = modelgen.dumps(value, wide)
        with self.assertRaises(modelgen.FormatError) as read:
            modelgen.load(data, schema=self.schema())
        self.assertIn("cell", str(read.exception))
        self.assertIn("a tuple of 2 items holds 3 items", str(read.exception))


INNER = {"name": "Py.Inner", "version": 1, "members": [
    {"name": "w", "key": modelgen.member_key("w"), "type": "float32[]"},
    {"name": "note", "key": modelgen.member_key("note"), "type": "string"}]}
OLDER = {"name": "Py.Evolving", "version": 1, "members": [
    {"name": "count", "key": modelgen.member_key("count"), "type": "int32"},
    {"name": "label", "key": modelgen.member_key("label"), "type": "string"}]}
NEWER = {"name": "Py.Evolving", "version": 2, "members": OLDER["members"] + [
    {"name": "rate", "key": modelgen.member_key("rate"), "type": "float64"},
    {"name": "inner", "key": modelgen.member_key("inner"), "type": "model:Py.Inner?"},
    {"name": "layers", "key": modelgen.member_key("layers"), "type": "list<model:Py.Inner>"},
    {"name": "bits", "key": modelgen.member_key("bits"), "type": "float32"}]}
NEWER_VALUE = {"$version": 2, "count": 3, "label": "v2", "rate": float.fromhex("0x1.999999999999ap-4"),
               "inner": {"w": [1.5, float("nan")], "note": "x"},
               "layers": [{"w": [], "note": "a"}, {"w": [-0.0], "note": "\U0001F600"}],
               "bits": -0.0}


class KeptMembersTests(unittest.TestCase):
    """A file written by a newer version, loaded with the older version's schema, edited and saved again: the members
    the older schema does not know are written back as they were read (docs/versioning.md, "Rollback"), in both formats,
    or the save fails naming them; never dropped."""

    def older_copy(self, source_format, target_format):
        data = modelgen.dumps(NEWER_VALUE, [NEWER, INNER], model="Py.Evolving", format_version=source_format)
        older = modelgen.load(data, schema=[OLDER, INNER], use_numpy=False)
        self.assertEqual({"#%d" % modelgen.member_key(n) for n in ("rate", "inner", "layers", "bits")},
                         set(older) - {"$version", "count", "label"})
        older["count"] = 4  # the older build's edit
        return modelgen.dumps(older, [OLDER, INNER], model="Py.Evolving", format_version=target_format)

    def check_newer(self, written, target_format):
        self.assertEqual(target_format, modelgen.read_envelope(written).format_version)
        back = modelgen.load(written, schema=[NEWER, INNER], use_numpy=False)
        self.assertEqual(2, back["$version"])  # the data's version: a newer build does not migrate it again
        self.assertEqual(4, back["count"])
        self.assertEqual("v2", back["label"])
        self.assertEqual(NEWER_VALUE["rate"].hex(), back["rate"].hex())
        self.assertEqual("x", back["inner"]["note"])
        self.assertEqual(1.5, back["inner"]["w"][0])
        self.assertNotEqual(back["inner"]["w"][1], back["inner"]["w"][1])  # NaN
        self.assertEqual(["a", "\U0001F600"], [layer["note"] for layer in back["layers"]])
        self.assertEqual(b"\x00\x00\x00\x80", struct.pack("<f", back["layers"][1]["w"][0]))  # -0.0 keeps its sign
        self.assertEqual(b"\x00\x00\x00\x80", struct.pack("<f", back["bits"]))

    def test_a_format_1_file_of_a_newer_version_is_saved_again_with_its_newer_members(self):
        for target in (1, 2):
            with self.subTest(target_format=target):
                self.check_newer(self.older_copy(1, target), target)

    def test_format_1_fields_are_written_back_byte_for_byte(self):
        data = modelgen.dumps(NEWER_VALUE, [NEWER, INNER], model="Py.Evolving")
        older = modelgen.load(data, schema=[OLDER, INNER], use_numpy=False)
        self.assertIn("#%d" % modelgen.member_key("layers"), older)
        # Unchanged, the older build's copy is the newer build's file but for the fingerprint in the envelope (and
        # the checksum): the payload is the same bytes.
        again = modelgen.dumps(older, [OLDER, INNER], model="Py.Evolving")
        self.assertEqual(data[-16 - len(_payload(data)):-16], again[-16 - len(_payload(again)):-16])

    def test_a_replaced_kept_member_or_a_plain_dict_copy_is_refused_not_dropped(self):
        data = modelgen.dumps(NEWER_VALUE, [NEWER, INNER], model="Py.Evolving")
        older = modelgen.load(data, schema=[OLDER, INNER], use_numpy=False)
        name = "#%d" % modelgen.member_key("rate")
        replaced = modelgen.load(data, schema=[OLDER, INNER], use_numpy=False)
        replaced[name] = 1.0
        with self.assertRaises(modelgen.WriteError) as e:
            modelgen.dumps(replaced, [OLDER, INNER], model="Py.Evolving")
        self.assertEqual(name, e.exception.path)
        self.assertIn("cannot be replaced", e.exception.reason)
        with self.assertRaises(modelgen.WriteError) as e:  # a plain dict has no bytes to write back
            modelgen.dumps(dict(older), [OLDER, INNER], model="Py.Evolving")
        self.assertIn("has no member", e.exception.reason)

    def test_members_a_format_2_file_describes_are_written_back_in_format_2_and_refused_in_format_1(self):
        path = os.path.join(REPO, "tests", "ModelGen.Tests", "Fixtures", "format2", "evolving-v2-via-v1.bin")
        with open(path, "rb") as f:
            data = f.read()
        table = modelgen.read_envelope(data).schema_table.to_schema_document()
        value = modelgen.load(data, use_numpy=False)
        self.assertIn("learningRateMs", value.kept)
        self.assertIsNotNone(value.kept["learningRateMs"].described)
        written = modelgen.dumps(value, table, model=modelgen.read_envelope(data).model_name, format_version=2)
        self.assertEqual(data, written)  # the same file, descriptions and all
        with self.assertRaises(modelgen.WriteError) as e:
            modelgen.dumps(value, table, model=modelgen.read_envelope(data).model_name, format_version=1)
        self.assertIn("format_version=2", e.exception.reason)

    def test_a_newer_format_2_file_saved_with_the_older_schema_is_the_dotnet_older_builds_file(self):
        # The .NET fixtures: a version-2 file, and the file the version-1 build wrote when it read that file and saved
        # it (with its defaults for the two members version 2 removed). Its table members that version 1 lacks are kept
        # as .NET keeps them: described, or, for one holding objects, as a named member with its JSON value.
        folder = os.path.join(REPO, "tests", "ModelGen.Tests", "Fixtures", "format2")
        v1, v2, via = (read_bytes(os.path.join(folder, n)) for n in ("evolving-v1.bin", "evolving-v2.bin", "evolving-v2-via-v1.bin"))
        older = modelgen.read_envelope(v1).schema_table.to_schema_document()
        newer = modelgen.read_envelope(v2).schema_table.to_schema_document()
        name = modelgen.read_envelope(v1).model_name
        value = modelgen.load(v2, schema=older, use_numpy=False)
        self.assertEqual({"learningRateMs", "first", "last", "scores", "grid", "extra"}, set(value.kept))
        value["learningRate"], value["name"] = 0.0, ""  # what the version-1 build reads for its removed members
        written = modelgen.dumps(value, older, model=name, format_version=2)
        self.assertEqual(via, written)
        expected = modelgen.load(v2, schema=newer, use_numpy=False)
        back = modelgen.load(written, schema=newer, use_numpy=False)
        for member in expected:
            self.assertEqual(expected[member], back[member], member)
        with self.assertRaises(modelgen.WriteError) as e:  # descriptions have no place in format 1
            modelgen.dumps(value, older, model=name, format_version=1)
        self.assertIn("format_version=2", e.exception.reason)

    def test_newer_table_members_are_kept_in_format_2_with_nulls_or_refused_naming_them(self):
        stamp = {"name": "Py.Stamp", "version": 1, "members": [
            {"name": "at", "key": modelgen.member_key("at"), "type": "datetime"}]}
        newer = dict(NEWER, members=NEWER["members"] + [
            {"name": "maybe", "key": modelgen.member_key("maybe"), "type": "string?"},
            {"name": "stamp", "key": modelgen.member_key("stamp"), "type": "model:Py.Stamp?"}])
        value = dict(NEWER_VALUE, maybe=None, stamp=None)
        data = modelgen.dumps(value, [newer, INNER, stamp], model="Py.Evolving", format_version=2)
        older = modelgen.load(data, schema=[OLDER, INNER], use_numpy=False)
        self.assertEqual({"rate", "inner", "layers", "bits", "maybe", "stamp"}, set(older.kept))
        older["count"] = 4
        written = modelgen.dumps(older, [OLDER, INNER], model="Py.Evolving", format_version=2)
        back = modelgen.load(written, schema=[newer, INNER, stamp], use_numpy=False)
        self.assertEqual((2, 4, None, None), (back["$version"], back["count"], back["maybe"], back["stamp"]))
        self.assertEqual(NEWER_VALUE["rate"].hex(), back["rate"].hex())
        self.assertEqual(["a", "\U0001F600"], [layer["note"] for layer in back["layers"]])
        self.assertEqual(b"\x00\x00\x00\x80", struct.pack("<f", back["bits"]))
        # Members holding objects travel as named members, read into their types as .NET reads them.
        self.assertEqual(("x", 1.5), (back["inner"]["note"], back["inner"]["w"][0]))
        self.assertEqual(1, back["inner"]["$version"])
        # Python's NaN is positive, not .NET's double.NaN: its JSON keeps its bits ("NaN:7ff8000000000000"), which
        # read back into the float32 member as the float Python wrote (0x7fc00000), not as float.NaN.
        self.assertEqual(b"\x00\x00\xc0\x7f", back["inner"]["w"][1:].tobytes())
        # A member holding an object with a value whose JSON form depends on its .NET type (a datetime) cannot be
        # written back by this writer: refused, naming it, rather than written wrong.
        data = modelgen.dumps(dict(value, stamp={"at": datetime.datetime(2026, 12, 5)}), [newer, INNER, stamp],
                              model="Py.Evolving", format_version=2)
        older = modelgen.load(data, schema=[OLDER, INNER], use_numpy=False)
        with self.assertRaises(modelgen.WriteError) as e:
            modelgen.dumps(older, [OLDER, INNER], model="Py.Evolving", format_version=2)
        self.assertEqual("stamp", e.exception.path)
        self.assertIn("cannot write it back", e.exception.reason)

    def test_a_kept_members_json_spells_nans_as_the_dotnet_json_form_does(self):
        # .NET's double.NaN is "NaN"; any other NaN "NaN:" and its 16 hex digits (docs/format.md section 4), so that
        # the .NET reader gets the same bits back; infinities by name.
        def double(bits):
            return struct.unpack("<d", struct.pack("<Q", bits))[0]
        value = {"w": [double(0xFFF8000000000000), float("nan"), double(0x7FF00000000007A2), double(0xFFFFFFFFFFFFFFFF),
                       float("inf"), -float("inf"), -0.0, 1.5], "inner": {"x": [double(0x7FF0000000000001)]}}
        self.assertEqual(b'{"w":["NaN","NaN:7ff8000000000000","NaN:7ff00000000007a2","NaN:ffffffffffffffff",'
                         b'"Infinity","-Infinity",-0.0,1.5],"inner":{"x":["NaN:7ff0000000000001"]}}',
                         modelgen._reader._plain_json(value))

    def test_a_kept_member_moved_deeper_than_the_limit_is_refused_naming_it(self):
        link = {"name": "Py.Link", "version": 1, "members": [
            {"name": "v", "key": modelgen.member_key("v"), "type": "int32"},
            {"name": "next", "key": modelgen.member_key("next"), "type": "model:Py.Link?"}]}
        older = {"name": "Py.Deep", "version": 1, "members": [
            {"name": "x", "key": modelgen.member_key("x"), "type": "int32"}]}
        newer = dict(older, version=2, members=older["members"] + [
            {"name": "chain", "key": modelgen.member_key("chain"), "type": "model:Py.Link?"}])
        holder = {"name": "Py.Holder", "version": 1, "members": [
            {"name": "next", "key": modelgen.member_key("next"), "type": "model:Py.Holder?"},
            {"name": "leaf", "key": modelgen.member_key("leaf"), "type": "model:Py.Deep?"}]}
        chain = None
        for v in range(59, -1, -1):  # 60 levels
            chain = {"v": v, "next": chain}
        data = modelgen.dumps({"$version": 2, "x": 1, "chain": chain}, [newer, link], model="Py.Deep")
        kept = modelgen.load(data, schema=[older, link])
        name = "#%d" % modelgen.member_key("chain")
        self.assertEqual(60, kept.kept[name].nesting)

        def holding(above):
            root = node = {"next": None, "leaf": None}
            for _ in range(above):
                node["next"] = {"next": None, "leaf": None}
                node = node["next"]
            node["leaf"] = kept
            return root

        for fmt in (1, 2):
            with self.subTest(format_version=fmt):
                # 3 + 1 + 60 = 64: written, and the newer schema reads the whole chain.
                back = modelgen.load(modelgen.dumps(holding(3), [holder, older, link], model="Py.Holder", format_version=fmt),
                                     schema=[holder, newer, link])
                node = back["next"]["next"]["next"]["leaf"]["chain"]
                depth = 1
                while node["next"] is not None:
                    node, depth = node["next"], depth + 1
                self.assertEqual(60, depth)
                # One level deeper a reader would refuse the file: refused, naming the member.
                with self.assertRaises(modelgen.WriteError) as e:
                    modelgen.dumps(holding(4), [holder, older, link], model="Py.Holder", format_version=fmt)
                self.assertEqual("next.next.next.next.leaf." + name, e.exception.path)
                self.assertIn("deeper than 64", e.exception.reason)


def _payload(data):
    return data[len(data) - 16 - struct.unpack("<Q", data[-16:-8])[0]:-16]


def _double(bits):
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def _bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def _half_as_double(half):
    """The Python float a float16 member holding this Half reads as: the Half's sign, payload shifted up by 42 and
    quiet bit, as a double (docs/format.md section 4, the Half row)."""
    return _double((half & 0x8000) << 48 | 0x7FF0000000000000 | (half & 0x3FF) << 42)


class NaNBitsTests(unittest.TestCase):
    """A float32 or float16 scalar keeps a NaN's sign, payload and quiet bit through the reader and the writer, in every
    Python (struct's "<f" makes a signaling NaN quiet before 3.14), as the .NET reader and writer keep them."""

    MODEL = {
        "name": "Py.NaNBits", "version": 1,
        "members": [
            {"name": "half", "key": modelgen.member_key("half"), "type": "float16"},
            {"name": "maybe", "key": modelgen.member_key("maybe"), "type": "float16?"},
            {"name": "byName", "key": modelgen.member_key("byName"), "type": "map<string,float16>"},
            {"name": "single", "key": modelgen.member_key("single"), "type": "float32"},
            {"name": "double", "key": modelgen.member_key("double"), "type": "float64"},
        ],
    }

    def test_half_and_float_nans_signaling_ones_included_are_written_and_read_back_with_their_bits(self):
        for half in (0x7D00, 0xFD01, 0x7C01, 0x7E00, 0xFE00, 0x7E01, 0x7FFF, 0xFFFF):
            single = (half & 0x8000) << 16 | 0x7F800000 | (half & 0x3FF) << 13  # how .NET stores that Half
            h = _half_as_double(half)
            value = {"half": h, "maybe": h, "byName": {"a": h}, "single": _double(_bits(h)), "double": h}
            for fmt in (1, 2):
                with self.subTest(half="%04x" % half, format=fmt):
                    data = modelgen.dumps(value, self.MODEL, format_version=fmt)
                    # The half's float32, three times (half, maybe, byName), and the float32 member's the same bits.
                    self.assertEqual(_payload(data).count(struct.pack("<I", single)), 4)
                    back = modelgen.load(data, schema=self.MODEL, use_numpy=False)
                    for got in (back["half"], back["maybe"], back["byName"]["a"], back["single"], back["double"]):
                        self.assertEqual(_bits(got), _bits(h))
                    self.assertEqual(modelgen.dumps(back, self.MODEL, format_version=fmt), data)

    def test_a_nan_whose_payload_a_float16_or_float32_cannot_hold_is_written_as_a_quiet_nan(self):
        # R's NA (payload in the low bits only) and a signaling NaN with low bits: made quiet, as a cast does, never an
        # infinity; the payload's high bits kept.
        r_na, low = _double(0x7FF00000000007A2), _double(0xFFF4000000000001)
        data = modelgen.dumps({"half": r_na, "maybe": low, "byName": {}, "single": low, "double": 0.0}, self.MODEL)
        back = modelgen.load(data, schema=self.MODEL, use_numpy=False)
        self.assertEqual(_bits(back["half"]), 0x7FF8000000000000)
        self.assertEqual(_bits(back["maybe"]), 0xFFFC000000000000)  # quiet bit set, the payload's 0x8 kept
        self.assertEqual(_bits(back["single"]), 0xFFFC000000000000)

    def test_a_fixed32_nan_reads_into_each_member_type_as_dotnet_reads_it(self):
        from modelgen import _reader
        # float32: its bits; float16: the Half it widens from when the low 13 payload bits are zero, else made quiet
        # (the payload's high 10 bits kept, never an infinity); float64: made quiet, as .NET's conversion to double.
        cases = [
            (0x7FA00000, 0x7FF4000000000000, _bits(_half_as_double(0x7D00)), 0x7FFC000000000000),
            (0xFF802000, 0xFFF0040000000000, _bits(_half_as_double(0xFC01)), 0xFFF8040000000000),
            (0x7F800001, 0x7FF0000020000000, _bits(_half_as_double(0x7E00)), 0x7FF8000020000000),
            (0x7FA00001, 0x7FF4000020000000, _bits(_half_as_double(0x7F00)), 0x7FFC000020000000),
            (0x3F800000, _bits(1.0), _bits(1.0), _bits(1.0)),
        ]
        for single, as_float32, as_float16, as_float64 in cases:
            with self.subTest(bits="%08x" % single):
                self.assertEqual(_bits(_reader._single_value(single, "float32")), as_float32)
                self.assertEqual(_bits(_reader._single_value(single, "float16")), as_float16)
                self.assertEqual(_bits(_reader._single_value(single, "float64")), as_float64)
                self.assertEqual(_reader._single_bits(_reader._single_value(single, "float32")), single)


class ComplexToRealTests(unittest.TestCase):
    """A float64, float32 or float16 member (an older schema of a member widened to complex) reads a complex whose
    imaginary part is zero, as the .NET reader does (docs/format.md section 4), and refuses any other, naming it."""

    NEWER = {"name": "Py.Widened", "version": 2, "members": [
        {"name": n, "key": modelgen.member_key(n), "type": "complex"} for n in ("double", "single", "half")]}
    OLDER = {"name": "Py.Widened", "version": 1, "members": [
        {"name": n, "key": modelgen.member_key(n), "type": t}
        for n, t in (("double", "float64"), ("single", "float32"), ("half", "float16"))]}

    def test_a_complex_without_imaginary_part_reads_into_an_older_real_member(self):
        r_na = _double(0x7FF00000000007A2)
        data = modelgen.dumps({"double": complex(r_na, 0), "single": complex(0.1, -0.0), "half": complex(-0.1, 0)}, self.NEWER)
        older = modelgen.load(data, schema=self.OLDER, use_numpy=False)
        self.assertEqual(_bits(older["double"]), 0x7FF00000000007A2)  # a float64 keeps a NaN's bits
        self.assertEqual(older["single"], struct.unpack("<f", struct.pack("<f", 0.1))[0])  # rounded to nearest
        self.assertEqual(older["half"], struct.unpack("<e", struct.pack("<e", -0.1))[0])
        nan = modelgen.load(modelgen.dumps({"double": 0j, "single": complex(_double(0x7FF4000000000000), 0),
                                            "half": complex(r_na, 0)}, self.NEWER), schema=self.OLDER, use_numpy=False)
        self.assertEqual(_bits(nan["single"]), 0x7FFC000000000000)  # made quiet, as .NET's (float) cast
        self.assertEqual(_bits(nan["half"]), 0x7FF8000000000000)

    def test_an_imaginary_part_or_a_value_out_of_range_is_refused_naming_the_member(self):
        for value, member, reason in (({"double": 1 + 1j}, "double", "imaginary part is not zero"),
                                      ({"double": complex(0, float("nan"))}, "double", "imaginary part is not zero"),
                                      ({"single": complex(1e300, 0)}, "single", "does not fit in float32"),
                                      ({"half": complex(1e6, 0)}, "half", "does not fit in float16")):
            full = dict({"double": 0j, "single": 0j, "half": 0j}, **value)
            with self.subTest(member=member, reason=reason):
                with self.assertRaises(modelgen.FormatError) as e:
                    modelgen.load(modelgen.dumps(full, self.NEWER), schema=self.OLDER, use_numpy=False)
                self.assertEqual(e.exception.path, member)
                self.assertIn(reason, e.exception.reason)


class FloatWidthTests(unittest.TestCase):
    """A float32 read into a float64 member (widened between versions) takes the value of its shortest text, and a
    float64 read into a float32 or float16 member (an older schema) is rounded to nearest or refused beyond the member's
    range, as the .NET reader converts them (docs/format.md section 4); a float16 member rounds a float32 that is not a
    Half."""

    def schema(self, version, kind):
        return {"name": "Py.Widths", "version": version,
                "members": [{"name": "value", "key": modelgen.member_key("value"), "type": kind}]}

    def read(self, value, written, read):
        data = modelgen.dumps({"value": value}, self.schema(1, written))
        return modelgen.load(data, schema=self.schema(2, read), use_numpy=False)["value"]

    def test_a_float32_widened_to_float64_reads_its_shortest_text(self):
        for value, expected in ((0.1, 0.1), (76.660065, 76.660065), (1e-7, 1e-7), (-3.3, -3.3), (16777217.0, 16777216.0),
                                (3.4028234663852886e38, 3.4028235e38), (float("inf"), float("inf")), (-0.0, -0.0)):
            with self.subTest(value=value):
                got = self.read(value, "float32", "float64")
                self.assertEqual(_bits(got), _bits(expected))

    def test_a_float64_narrowed_to_float32_or_float16_is_rounded_or_refused(self):
        self.assertEqual(self.read(0.1, "float64", "float32"), struct.unpack("<f", struct.pack("<f", 0.1))[0])
        self.assertEqual(self.read(0.1, "float64", "float16"), struct.unpack("<e", struct.pack("<e", 0.1))[0])
        self.assertEqual(self.read(0.1, "float32", "float16"), struct.unpack("<e", struct.pack("<e", 0.1))[0])
        for value, written, read in ((1e300, "float64", "float32"), (1e6, "float64", "float16"), (1e6, "float32", "float16")):
            with self.subTest(value=value, read=read):
                with self.assertRaises(modelgen.FormatError) as e:
                    self.read(value, written, read)
                self.assertEqual(e.exception.path, "value")
                self.assertIn("does not fit in " + read, e.exception.reason)
