package io.geocluster.host.serve;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A WPS 1.0.0 Execute request, whether it came as KVP or as XML.
 *
 * @param identifier the process
 * @param inputs input values as text by input identifier, in request order
 * @param rawOutput the output of a {@code RawDataOutput} response form, if one was asked for
 * @param outputs the outputs a {@code ResponseDocument} asked for, each with whether it goes by
 *        reference; empty means all, inline
 * @param store {@code storeExecuteResponse}
 * @param status {@code status}
 */
public record ExecuteRequest(String identifier, Map<String, List<String>> inputs, Optional<String> rawOutput,
                             Map<String, Boolean> outputs, boolean store, boolean status) {
}
