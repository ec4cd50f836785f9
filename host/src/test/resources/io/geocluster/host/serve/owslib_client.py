"""A real WPS 1.0.0 client (OWSLib) against `geocluster serve`.

Usage: owslib_client.py WPS_URL
GetCapabilities, DescribeProcess of every process, then an asynchronous Execute of each of the
three processes (status polled through statusLocation), reading every output. Asserts on what it
reads; exit status 0 only when all passed. The last line printed is a JSON object
{"layers": [...published layer names...]} for the calling test.
"""
import json
import sys
import time

from owslib.wps import WebProcessingService

SCENES = ["LC08_L2SP_196018_20220912_20220920_02_T1",
          "LC08_L2SP_198018_20220615_20220623_02_T1",
          "LC09_L2SP_197018_20220802_20220810_02_T1"]
POINT_INPUTS = [("layer", "insar-catalogue"),
                ("staticAttributes", "height,mean_velocity,temporal_coherence,amplitude_dispersion"),
                ("k", "5"), ("initSize", "2000")]


def run(wps, identifier, inputs, layer_output):
    outputs = [(layer_output, False), ("summary", True), ("profiles", True)]
    execution = wps.execute(identifier, inputs, output=outputs, mode="async")
    assert execution.statusLocation, "no statusLocation for " + identifier
    seen = set()
    deadline = time.time() + 120
    while not execution.isComplete():
        assert time.time() < deadline, identifier + " did not finish"
        seen.add(execution.status)
        execution.checkStatus(sleepSecs=0.2)
    seen.add(execution.status)
    assert execution.isSucceeded(), "%s: %s %s" % (identifier, execution.status,
                                                    [e.text for e in execution.errors])
    by_id = {o.identifier: o for o in execution.processOutputs}
    assert set(by_id) == {layer_output, "summary", "profiles"}, by_id.keys()
    names = by_id[layer_output].data[0].split(",")
    summary = json.loads(by_id["summary"].retrieveData())
    png = by_id["profiles"].retrieveData()
    assert png[:4] == b"\x89PNG", png[:8]
    print("%s: %s, statuses %s, summary keys %s" % (identifier, names, sorted(seen), sorted(summary)[:6]))
    return names, summary


def main(url):
    wps = WebProcessingService(url, version="1.0.0")
    assert wps.identification.type == "WPS", wps.identification.type
    ids = sorted(p.identifier for p in wps.processes)
    assert ids == ["cluster:BatchedKMeans", "cluster:IIkMC", "cluster:SmoothedKMeans"], ids

    for identifier in ids:
        p = wps.describeprocess(identifier)
        inputs = {i.identifier: i for i in p.dataInputs}
        outputs = [o.identifier for o in p.processOutputs]
        assert "summary" in outputs and "profiles" in outputs, outputs
        required = sorted(n for n, i in inputs.items() if i.minOccurs == 1)
        assert required == (["scenes"] if identifier == "cluster:IIkMC" else ["layer"]), required
        assert inputs["k"].dataType.endswith("int"), inputs["k"].dataType
        assert str(inputs["k"].defaultValue) == "8", inputs["k"].defaultValue
    print("capabilities and descriptions: %s" % ids)

    layers = []
    names, summary = run(wps, "cluster:BatchedKMeans",
                         POINT_INPUTS + [("outputName", "owslib_batched")], "layerName")
    assert summary["k"] == 5, summary["k"]
    layers += names
    names, summary = run(wps, "cluster:SmoothedKMeans",
                         POINT_INPUTS + [("hops", "1"), ("neighbours", "4"), ("outputName", "owslib_smoothed")],
                         "layerName")
    layers += names
    names, summary = run(wps, "cluster:IIkMC",
                         [("scenes", ",".join(SCENES)), ("k", "4"), ("maxIterations", "5"),
                          ("outputName", "owslib_iikmc")], "layerNames")
    assert len(names) == 3, names
    layers += names
    print(json.dumps({"layers": layers}))


if __name__ == "__main__":
    main(sys.argv[1])
