package io.geocluster.host.serve;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import org.geotools.api.util.ProgressListener;
import org.w3c.dom.Document;

/**
 * WPS 1.0.0 (OGC 05-007r7) over the {@link ProcessRegistry}: GetCapabilities, DescribeProcess
 * and Execute by KVP or XML; synchronous or stored ({@code storeExecuteResponse}, {@code status})
 * executions run by the {@link JobManager}; ResponseDocument (outputs inline or by reference) and
 * RawDataOutput. Inputs are checked against the annotations (unknown, missing, repeated, type and
 * range) before a job is queued; the process then validates them again as in GeoServer.
 *
 * <p>URLs: the endpoint is {@code <base>/wps} (also {@code <base>/ows}); a stored execution's
 * status is at {@code <base>/wps/status/<job>}, its complex outputs at
 * {@code <base>/wps/results/<job>/<file>}.
 */
public final class WpsService {
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern RESULT_FILE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}\\.[a-z]{1,8}");

    private final ProcessRegistry registry;
    private final JobManager jobs;

    /** @param jobs runs the executions */
    public WpsService(ProcessRegistry registry, JobManager jobs) {
        this.registry = registry;
        this.jobs = jobs;
    }

    /** A KVP request; {@code base} is e.g. {@code http://127.0.0.1:8080}. */
    public HttpResponse get(Map<String, String> kvp, String base) {
        try {
            String request = WpsRequests.require(kvp, "request");
            switch (request.toLowerCase(Locale.ROOT)) {
                case "getcapabilities":
                    String accept = kvp.get("acceptversions");
                    if (accept != null && !List.of(accept.split(",")).stream().map(String::trim).toList().contains("1.0.0")) {
                        throw new OwsException(OwsException.Code.VersionNegotiationFailed, "AcceptVersions",
                                "This service speaks WPS 1.0.0 only, asked for " + Workspace.printable(accept));
                    }
                    return HttpResponse.xml(WpsXml.capabilities(base + "/wps", registry.processes()));
                case "describeprocess":
                    checkVersion(kvp.get("version"));
                    return describe(List.of(WpsRequests.require(kvp, "identifier").split(",")));
                case "execute":
                    checkVersion(kvp.get("version"));
                    return execute(WpsRequests.execute(kvp), base);
                default:
                    throw new OwsException(OwsException.Code.OperationNotSupported, "request", "Unknown WPS request '"
                            + Workspace.printable(request) + "'; this service offers GetCapabilities, DescribeProcess and Execute");
            }
        } catch (OwsException e) {
            return HttpResponse.error(e);
        } catch (XMLStreamException | IOException e) {
            return HttpResponse.error(new OwsException(OwsException.Code.NoApplicableCode, null, e.getMessage()));
        }
    }

    /** An XML request body, already parsed. */
    public HttpResponse post(Document doc, String base) {
        try {
            String op = WpsRequests.operation(doc);
            switch (op) {
                case "GetCapabilities":
                    return HttpResponse.xml(WpsXml.capabilities(base + "/wps", registry.processes()));
                case "DescribeProcess":
                    checkVersion(WpsRequests.version(doc));
                    return describe(WpsRequests.identifiers(doc));
                case "Execute":
                    checkVersion(WpsRequests.version(doc));
                    return execute(WpsRequests.execute(doc), base);
                default:
                    throw new OwsException(OwsException.Code.OperationNotSupported, "request", "Unknown WPS request '" + op + "'");
            }
        } catch (OwsException e) {
            return HttpResponse.error(e);
        } catch (XMLStreamException | IOException e) {
            return HttpResponse.error(new OwsException(OwsException.Code.NoApplicableCode, null, e.getMessage()));
        }
    }

    /** The status document of a stored execution. */
    public HttpResponse status(String jobId, String base) {
        try {
            Job job = job(jobId);
            return HttpResponse.xml(WpsXml.executeResponse(base + "/wps", job, statusUrl(base, job),
                    job.responseOutputs(), resultUrl(base, job)));
        } catch (OwsException e) {
            return HttpResponse.error(e);
        } catch (XMLStreamException | IOException e) {
            return HttpResponse.error(new OwsException(OwsException.Code.NoApplicableCode, null, e.getMessage()));
        }
    }

    /** One stored complex output of a finished execution. */
    public HttpResponse result(String jobId, String file) {
        try {
            Job job = job(jobId);
            if (file == null || !RESULT_FILE.matcher(file).matches()) {
                throw new OwsException(OwsException.Code.InvalidParameterValue, "file", "No such result file");
            }
            for (Job.StoredOutput o : job.outputs().values()) {
                if (o.file() != null && o.file().getFileName().toString().equals(file)) {
                    return new HttpResponse(200, o.mimeType(), Files.readAllBytes(o.file()));
                }
            }
            throw new OwsException(OwsException.Code.InvalidParameterValue, "file", "No result '" + file + "' in execution " + jobId);
        } catch (OwsException e) {
            return HttpResponse.error(e);
        } catch (IOException e) {
            return HttpResponse.error(new OwsException(OwsException.Code.NoApplicableCode, null, "The result has expired"));
        }
    }

    private Job job(String id) throws OwsException {
        if (id == null || !JOB_ID.matcher(id).matches()) {
            throw new OwsException(OwsException.Code.InvalidParameterValue, "job", "Not an execution identifier");
        }
        return jobs.job(id).orElseThrow(() -> new OwsException(OwsException.Code.InvalidParameterValue, "job",
                "Unknown execution " + id + " (results are kept for " + jobs.limits().keepResults().toSeconds() + " s)"));
    }

    private static void checkVersion(String version) throws OwsException {
        if (version != null && !version.isEmpty() && !version.equals("1.0.0")) {
            throw new OwsException(OwsException.Code.VersionNegotiationFailed, "version",
                    "This service speaks WPS 1.0.0 only, asked for " + Workspace.printable(version));
        }
    }

    private HttpResponse describe(List<String> identifiers) throws OwsException, XMLStreamException {
        if (identifiers.isEmpty()) {
            throw new OwsException(OwsException.Code.MissingParameterValue, "identifier", "Parameter 'identifier' is required");
        }
        List<ProcessDescription> list = new ArrayList<>();
        for (String id : identifiers) {
            if (id.trim().equalsIgnoreCase("all")) {
                list.addAll(registry.processes());
            } else {
                list.add(process(id.trim()));
            }
        }
        return HttpResponse.xml(WpsXml.describe(list));
    }

    private ProcessDescription process(String id) throws OwsException {
        return registry.process(id).orElseThrow(() -> new OwsException(OwsException.Code.InvalidParameterValue, "identifier",
                "No process '" + Workspace.printable(id) + "'; offered: "
                        + String.join(", ", registry.processes().stream().map(ProcessDescription::identifier).toList())));
    }

    private HttpResponse execute(ExecuteRequest req, String base) throws OwsException, XMLStreamException, IOException {
        ProcessDescription p = process(req.identifier());
        Object[] args = InputValues.arguments(p, req.inputs());
        Map<String, Boolean> outputs = new LinkedHashMap<>();
        if (req.outputs().isEmpty()) {
            p.outputs().forEach(o -> outputs.put(o.name(), false));
        } else {
            for (Map.Entry<String, Boolean> o : req.outputs().entrySet()) {
                outputOf(p, o.getKey());
                outputs.put(o.getKey(), o.getValue());
            }
        }
        if (req.rawOutput().isPresent()) {
            outputOf(p, req.rawOutput().get());
            if (req.store()) {
                throw new OwsException(OwsException.Code.InvalidParameterValue, "storeExecuteResponse",
                        "A RawDataOutput cannot be stored; ask for a ResponseDocument");
            }
        }
        Method execute = p.execute();
        int listenerArg = listenerArgument(execute);
        Job job = jobs.submit(p, outputs, listener -> {
            Object[] a = args.clone();
            a[listenerArg] = listener;
            @SuppressWarnings("unchecked")
            Map<String, Object> out = (Map<String, Object>) execute.invoke(p.bean(), a);
            return out;
        });
        if (req.store() && req.status()) {
            return HttpResponse.xml(WpsXml.executeResponse(base + "/wps", job, statusUrl(base, job), outputs, resultUrl(base, job)));
        }
        await(job);
        if (job.state() == Job.State.FAILED) {
            return HttpResponse.error(job.failure().orElseThrow());
        }
        if (req.rawOutput().isPresent()) {
            Job.StoredOutput o = job.outputs().get(req.rawOutput().get());
            if (o == null) {
                throw new OwsException(OwsException.Code.NoApplicableCode, null, "The process returned no '" + req.rawOutput().get() + "'");
            }
            return o.file() == null
                    ? new HttpResponse(200, "text/plain; charset=UTF-8", o.literal().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    : new HttpResponse(200, o.mimeType(), Files.readAllBytes(o.file()));
        }
        return HttpResponse.xml(WpsXml.executeResponse(base + "/wps", job, req.store() ? statusUrl(base, job) : null,
                outputs, resultUrl(base, job)));
    }

    /** Waits for a synchronous execution: at most its time limit plus a grace for the cancellation to land. */
    private void await(Job job) throws OwsException {
        Duration limit = jobs.limits().jobTimeout().plusSeconds(60);
        try {
            job.completion().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.cancel();
            throw new OwsException(OwsException.Code.NoApplicableCode, null, "Interrupted");
        } catch (ExecutionException | TimeoutException e) {
            job.cancel();
            throw new OwsException(OwsException.Code.NoApplicableCode, null, "The execution did not finish in time");
        }
    }

    private static ProcessDescription.Output outputOf(ProcessDescription p, String name) throws OwsException {
        return p.output(name).orElseThrow(() -> new OwsException(OwsException.Code.InvalidParameterValue, "ResponseForm",
                "Process " + p.identifier() + " has no output '" + Workspace.printable(name) + "'"));
    }

    private static int listenerArgument(Method m) {
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (ProgressListener.class.isAssignableFrom(types[i])) {
                return i;
            }
        }
        throw new IllegalStateException(m + " takes no ProgressListener");
    }

    private static String statusUrl(String base, Job job) {
        return base + "/wps/status/" + job.id();
    }

    private static String resultUrl(String base, Job job) {
        return base + "/wps/results/" + job.id() + "/";
    }
}
