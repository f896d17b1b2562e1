package io.mlops.agent.http;

import io.mlops.net.HostCheck;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses requests whose {@code Host} is not one the agent answers, and writes from another site's
 * {@code Origin} ({@link HostCheck}), with 403 before anything else runs: a page that rebinds its DNS
 * name to the agent's address can neither read nor write it.
 */
final class HostGuard extends Handler.Wrapper {
    private final HostCheck check;

    HostGuard(Handler handler, HostCheck check) {
        super(handler);
        this.check = check;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Optional<String> refusal = check.refusal(
                request.getMethod(),
                request.getHeaders().get(HttpHeader.HOST),
                request.getHeaders().get(HttpHeader.ORIGIN));
        if (refusal.isPresent()) {
            Response.writeError(request, response, callback, 403, refusal.get());
            return true;
        }
        return super.handle(request, response, callback);
    }
}
