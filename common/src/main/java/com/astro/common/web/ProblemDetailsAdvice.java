package com.astro.common.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

import reactor.core.publisher.Mono;

/**
 * Turns every error a controller raises into {@code application/problem+json} with a detail a client
 * developer can act on (which field, which type, which methods) and the request id, and never a stack
 * trace. {@code ResponseStatusException(status, detail)} keeps its detail.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** Anything no other handler knows: a bug. Logged with its stack trace, answered without it. */
    @ExceptionHandler(Exception.class)
    public Mono<ResponseEntity<Object>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
        if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
            // Spring Security's exception translation answers these 401/403 (method security throws them here)
            return Mono.error(ex);
        }
        Throwable limit = RequestErrors.find(ex, DataBufferLimitException.class);
        if (limit != null) {
            return handleExceptionInternal(ex, null, null, HttpStatus.CONTENT_TOO_LARGE, exchange);
        }
        if (RequestErrors.unavailable(ex)) {
            log.warn("{} {} answered 503: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    ex.toString());
            return handleExceptionInternal(ex, null, null, HttpStatus.SERVICE_UNAVAILABLE, exchange);
        }
        log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return handleExceptionInternal(ex, null, null, HttpStatus.INTERNAL_SERVER_ERROR, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        if (status.value() != 413 && RequestErrors.find(ex, DataBufferLimitException.class) != null) {
            status = HttpStatus.CONTENT_TOO_LARGE;
            body = null;
            headers = null;
        }
        ProblemDetail problem = body instanceof ProblemDetail existing ? existing
                : ex instanceof ErrorResponse response ? response.getBody() : ProblemDetail.forStatus(status);
        if (problem.getStatus() != status.value()) {
            problem = ProblemDetail.forStatus(status);
        }
        problem.setDetail(detail(ex, status, problem.getDetail(), exchange));
        if (problem.getTitle() == null) {
            HttpStatus known = HttpStatus.resolve(status.value());
            problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        }
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        }
        List<Map<String, String>> fieldErrors = fieldErrors(ex);
        if (!fieldErrors.isEmpty()) {
            problem.setProperty("errors", fieldErrors);
        }
        String requestId = exchange.getAttribute(RequestIds.ATTRIBUTE);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        HttpHeaders responseHeaders = new HttpHeaders();
        if (headers != null) {
            responseHeaders.putAll(headers);
        }
        responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return Mono.just(ResponseEntity.status(status).headers(responseHeaders).body(problem));
    }

    private static String detail(Exception ex, HttpStatusCode status, String current, ServerWebExchange exchange) {
        if (status.value() == 500) {
            return "An unexpected error occurred; quote the request id when reporting it";
        }
        if (status.value() == 413) {
            return RequestErrors.tooLarge(exchange);
        }
        if (status.value() == 503 && RequestErrors.unavailable(ex)) {
            return RequestErrors.UNAVAILABLE_DETAIL;
        }
        if (ex instanceof WebExchangeBindException bind) {
            return "Invalid request: " + bind.getFieldErrors().stream()
                    .map(error -> error.getField() + " " + error.getDefaultMessage())
                    .collect(Collectors.joining("; "));
        }
        if (ex instanceof HandlerMethodValidationException validation) {
            return "Invalid request: " + validation.getParameterValidationResults().stream()
                    .flatMap(result -> result.getResolvableErrors().stream()
                            .map(error -> result.getMethodParameter().getParameterName() + " " + error.getDefaultMessage()))
                    .collect(Collectors.joining("; "));
        }
        if (ex instanceof UnsupportedMediaTypeStatusException media) {
            String sent = media.getContentType() == null ? "none" : "'" + media.getContentType() + "'";
            boolean json = media.getSupportedMediaTypes().stream().anyMatch(MediaType.APPLICATION_JSON::equalsTypeAndSubtype);
            return "Content type " + sent + " is not supported here; send " + (json ? "application/json"
                    : media.getSupportedMediaTypes().stream().map(MediaType::toString).distinct()
                            .collect(Collectors.joining(" or ")));
        }
        if (ex instanceof MethodNotAllowedException method) {
            return "Method " + method.getHttpMethod() + " is not allowed on " + exchange.getRequest().getPath().value()
                    + "; allowed: " + method.getSupportedMethods().stream().map(Object::toString).sorted()
                            .collect(Collectors.joining(", "));
        }
        if (ex instanceof MissingRequestValueException missing) {
            return "Required " + missing.getLabel() + " '" + missing.getName() + "' is missing";
        }
        if (ex instanceof ServerWebInputException input) {
            return RequestErrors.inputDetail(input);
        }
        if (status.value() == 404 && (current == null || current.isBlank() || current.startsWith("No static resource"))) {
            return "No endpoint " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
        }
        if (current == null || current.isBlank()) {
            HttpStatus known = HttpStatus.resolve(status.value());
            return known == null ? "Request failed" : known.getReasonPhrase();
        }
        return current;
    }

    private static List<Map<String, String>> fieldErrors(Exception ex) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (ex instanceof WebExchangeBindException bind) {
            for (FieldError error : bind.getFieldErrors()) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("field", error.getField());
                entry.put("message", error.getDefaultMessage());
                errors.add(entry);
            }
        }
        return errors;
    }
}
