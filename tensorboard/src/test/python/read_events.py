"""Reads a TensorBoard event file with TensorBoard's own reader and prints what it holds as JSON.

Used by NetMoE's Java tests (TensorBoardReader): the file is read twice, by EventFileLoader (every
record, in order; its record reader checks both CRC-32Cs and raises on a mismatch) and by
EventAccumulator (what TensorBoard's UI is built on), and both views are printed.

    python3 read_events.py EVENT_FILE
"""
import json
import sys

from tensorboard.backend.event_processing import event_accumulator
from tensorboard.backend.event_processing.event_file_loader import EventFileLoader


def main(path):
    records = []
    for event in EventFileLoader(path).Load():
        kind = event.WhichOneof("what")
        entry = {"step": event.step, "wall_time": event.wall_time, "what": kind}
        if kind == "file_version":
            entry["file_version"] = event.file_version
        elif kind == "summary":
            entry["values"] = [
                {"tag": v.tag, "kind": v.WhichOneof("value"), "simple_value": v.simple_value,
                 "plugin": v.metadata.plugin_data.plugin_name}
                for v in event.summary.value]
        records.append(entry)
    acc = event_accumulator.EventAccumulator(path, size_guidance={"scalars": 0, "tensors": 0})
    acc.Reload()
    tags = acc.Tags()
    scalars = {t: [[e.step, e.value] for e in acc.Scalars(t)] for t in tags["scalars"]}
    texts = {t: [[e.step, b"".join(e.tensor_proto.string_val).decode("utf-8")] for e in acc.Tensors(t)]
             for t in tags["tensors"]}
    json.dump({"records": records, "scalars": scalars, "texts": texts}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
