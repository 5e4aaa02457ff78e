package com.astro.gateway.routing;

import java.net.ConnectException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.astro.common.tracing.UntracedRequests;

import io.netty.handler.timeout.ReadTimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The short way through the gateway for the requests of an established Engine.IO long-polling session: a GET or
 * POST on {@code /socket.io/} whose {@code sid} names a configured chat instance goes straight to that instance.
 * A polling client makes about four such requests per chat message and holds one open all the time; through
 * Spring Security, the route's predicates and some fifteen gateway filters each cost more than chat's own work
 * (docs/benchmarks.md, long-polling). None of them has anything to do for these requests: the path is public (the
 * sid is the credential, checked by chat), no budget applies (chat limits each socket), nothing is traced. What the
 * edge still owns runs before this filter: the request id, the access log and CORS.
 *
 * <p>Everything else takes the normal route: handshakes (no sid, a new instance is chosen), WebSocket upgrades,
 * sids that name no configured instance (refused there with 400) and bodies of unknown or excessive length (the
 * body limit answers 413). Errors end as they do on the normal route ({@code GatewayErrors}): a refused connection
 * is 503 and takes the instance out of the rotation, no answer in time is 504, a broken-off answer 502.
 */
final class PollingProxy implements WebFilter, Ordered {

    /** After CORS (-200) and the request id and access log filters, before Spring Security (-100). */
    private static final int ORDER = -150;


    private final ServiceInstances chat;

    private final HttpClient client;

    /**
     * Lower-case names never passed on either way: the routes' hop-by-hop headers (Spring Cloud Gateway's
     * {@code RemoveHopByHopHeadersFilter}, as configured) and the target's host, which the client sets.
     */
    private final Set<String> notForwarded;

    private final long maxBodyBytes;

    /** The gateway's response timeout for every route (null: none), as {@code NettyRoutingFilter} applies it. */
    private final Duration responseTimeout;

    PollingProxy(ServiceInstances chat, HttpClient client, Set<String> hopByHopHeaders, long maxBodyBytes,
            Duration responseTimeout) {
        this.chat = chat;
        this.client = client;
        Set<String> names = new HashSet<>();
        hopByHopHeaders.forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        names.add("host");
        this.notForwarded = Set.copyOf(names);
        this.maxBodyBytes = maxBodyBytes;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<Instance> owner = ownerOf(exchange.getRequest());
        if (owner.isEmpty()) {
            return chain.filter(exchange);
        }
        exchange.getAttributes().put(ServiceRegistry.ROUTED_SERVICE_ATTRIBUTE, chat.service());
        return forward(exchange, owner.get());
    }

    /** The chat instance a request of an established polling session belongs to; empty for any other request. */
    private Optional<Instance> ownerOf(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        boolean post = HttpMethod.POST.equals(method);
        if (!(post || HttpMethod.GET.equals(method)) || !UntracedRequests.isEstablishedPoll(request)) {
            return Optional.empty();
        }
        long length = request.getHeaders().getContentLength();
        if (post ? length < 0 || length > maxBodyBytes : length > 0) {
            return Optional.empty();
        }
        String sid = request.getQueryParams().getFirst("sid");
        if (sid == null || !EngineIoSid.hasPrefix(sid)) {
            return Optional.empty();
        }
        return EngineIoSid.authority(sid).flatMap(chat::byAuthority);
    }

    private Mono<Void> forward(ServerWebExchange exchange, Instance owner) {
        ServerHttpRequest request = exchange.getRequest();
        ServerHttpResponse response = exchange.getResponse();
        String uri = owner.scheme() + "://" + owner.authority() + request.getURI().getRawPath()
                + (request.getURI().getRawQuery() == null ? "" : "?" + request.getURI().getRawQuery());
        HttpClient prepared = client.headers(headers -> request.getHeaders().forEach((name, values) -> {
            if (!notForwarded.contains(name.toLowerCase(Locale.ROOT))) {
                headers.add(name, values);
            }
        }));
        if (responseTimeout != null) {
            prepared = prepared.responseTimeout(responseTimeout);
        }
        HttpClient.ResponseReceiver<?> sent = HttpMethod.POST.equals(request.getMethod())
                ? prepared.post().uri(uri).send(request.getBody().map(NettyDataBufferFactory::toByteBuf))
                : prepared.get().uri(uri);
        return sent.responseSingle((answer, body) -> {
                    response.setStatusCode(HttpStatusCode.valueOf(answer.status().code()));
                    HttpHeaders headers = response.getHeaders();
                    answer.responseHeaders().forEach(header -> {
                        String name = header.getKey().toLowerCase(Locale.ROOT);
                        if (!notForwarded.contains(name) && !BackendResponseHeaders.ownedByTheEdge(name)) {
                            headers.add(header.getKey(), header.getValue());
                        }
                    });
                    return body.asByteArray().defaultIfEmpty(new byte[0]);
                })
                .onErrorMap(ReadTimeoutException.class, timeout -> new TimeoutException("no answer within " + responseTimeout))
                .doOnError(ConnectException.class, refused -> InstanceFailures.refused(chat, owner))
                .flatMap(bytes -> response.writeWith(Mono.just(response.bufferFactory().wrap(bytes))));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
