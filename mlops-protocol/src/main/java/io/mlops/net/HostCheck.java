package io.mlops.net;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which {@code Host} and {@code Origin} headers a server answers, against DNS rebinding and cross-site
 * writes (the checks MLflow 3's server makes, with its option names {@code --allowed-hosts} and
 * {@code --cors-allowed-origins}).
 *
 * <p>A rebinding page reaches the server under the attacker's own DNS name, so the Host header is
 * what gives it away. Accepted without configuration: {@code localhost} (and its subdomains, which
 * resolve to loopback), any IP address literal (a rebound request never carries one) and the address
 * the server is bound to; further names are listed by the operator, {@code *.example.com} for a
 * domain's hosts, and {@code *} turns the check off. The port is not compared.
 *
 * <p>A write ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) that carries an {@code Origin}
 * must come from the server's own origin (the registry UI posting to the server that served it), from
 * a loopback origin, or from an origin the operator lists; {@code *} allows every origin.
 */
public final class HostCheck {
    /** What a refused Host is told. */
    public static final String INVALID_HOST =
            "Invalid Host header - possible DNS rebinding attack detected; the server answers only the hosts"
                    + " it is bound to or allowed with --allowed-hosts";

    /** What a refused cross-site write is told. */
    public static final String CROSS_ORIGIN =
            "Cross-origin request blocked: this origin may not write; allow it with --cors-allowed-origins";

    private static final List<String> WRITES = List.of("POST", "PUT", "PATCH", "DELETE");

    private final List<String> hosts;
    private final List<String> origins;

    private HostCheck(List<String> hosts, List<String> origins) {
        this.hosts = hosts;
        this.origins = origins;
    }

    /**
     * The check of a server bound to an address.
     *
     * @param bindAddress the address the server listens on, as given (a name or a literal)
     * @param allowedHosts further host names or {@code *.domain} patterns; {@code *} allows every host
     * @param allowedOrigins further origins ({@code https://ui.example.com}); {@code *} allows every origin
     * @return the check
     */
    public static HostCheck of(String bindAddress, List<String> allowedHosts, List<String> allowedOrigins) {
        List<String> hosts = new java.util.ArrayList<>();
        hosts.add("localhost");
        hosts.add("*.localhost");
        if (bindAddress != null && !bindAddress.isBlank()) {
            hosts.add(normalize(bindAddress));
        }
        allowedHosts.stream().map(HostCheck::normalize).forEach(hosts::add);
        List<String> origins = allowedOrigins.stream()
                .map(origin -> origin.strip().toLowerCase(Locale.ROOT))
                .map(origin -> origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin)
                .toList();
        return new HostCheck(List.copyOf(hosts), origins);
    }

    /**
     * Why a request is refused, if it is.
     *
     * @param method the request method
     * @param host the Host header, or null when absent
     * @param origin the Origin header, or null when absent
     * @return the message of a 403 answer, or empty to let the request through
     */
    public Optional<String> refusal(String method, String host, String origin) {
        if (!allowsHost(host)) {
            return Optional.of(INVALID_HOST);
        }
        if (origin != null && WRITES.contains(method.toUpperCase(Locale.ROOT)) && !allowsOrigin(origin, host)) {
            return Optional.of(CROSS_ORIGIN);
        }
        return Optional.empty();
    }

    /**
     * Whether a Host header is one this server answers.
     *
     * @param header the Host header ({@code name[:port]}), or null
     * @return true when allowed
     */
    public boolean allowsHost(String header) {
        if (hosts.contains("*")) {
            return true;
        }
        if (header == null || header.isBlank()) {
            // HTTP/1.0 clients send none; a browser always does, so a rebound page cannot omit it.
            return true;
        }
        String name = hostName(header);
        if (name == null) {
            return false;
        }
        if (isAddressLiteral(name)) {
            return true;
        }
        for (String allowed : hosts) {
            if (allowed.startsWith("*.") ? name.endsWith(allowed.substring(1)) : name.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    private boolean allowsOrigin(String origin, String host) {
        String normalized = origin.strip().toLowerCase(Locale.ROOT);
        if (origins.contains("*") || origins.contains(normalized)) {
            return true;
        }
        URI uri;
        try {
            uri = URI.create(normalized);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null) {
            // "null" (a sandboxed frame, a file: page) is never trusted with a write.
            return false;
        }
        String originHost = unbracket(uri.getHost());
        if (originHost.equals("localhost") || originHost.endsWith(".localhost") || isLoopbackLiteral(originHost)) {
            return true;
        }
        // Same origin: the registry UI this server served posts back to it.
        return host != null && uri.getAuthority() != null && uri.getAuthority().equals(host.toLowerCase(Locale.ROOT));
    }

    // The name of "name:port", "[v6]:port" or "name", lower-cased; null when malformed.
    static String hostName(String header) {
        String value = header.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? null : value.substring(1, end);
        }
        int colon = value.indexOf(':');
        if (colon >= 0 && value.indexOf(':', colon + 1) >= 0) {
            return value; // a bare IPv6 literal
        }
        String name = colon < 0 ? value : value.substring(0, colon);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String normalize(String host) {
        String value = host.strip().toLowerCase(Locale.ROOT);
        if (value.equals("*") || value.startsWith("*.")) {
            return value;
        }
        String name = hostName(value);
        return name == null ? value : name;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * Whether a host name is an IPv6 literal (hex digits, colons and dots) or a dotted-quad IPv4
     * one. Checked on every request, so it walks the characters once and allocates nothing.
     */
    static boolean isAddressLiteral(String name) {
        if (name.indexOf(':') >= 0) {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                    return false;
                }
            }
            return true;
        }
        int parts = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= name.length(); i++) {
            char c = i == name.length() ? '.' : name.charAt(i);
            if (c == '.') {
                if (digits == 0 || value > 255 || ++parts > 4) {
                    return false;
                }
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    private static boolean isLoopbackLiteral(String name) {
        return name.equals("::1") || (isAddressLiteral(name) && name.startsWith("127."));
    }
}
