package io.mlops.registry.webhook;

import io.mlops.error.UserError;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which addresses a webhook may be delivered to, against server-side request forgery: by default
 * none inside the server's own networks (loopback, link-local with the cloud metadata address
 * 169.254.169.254, private and unique-local ranges, carrier-grade NAT, unspecified and multicast),
 * because a registry user could otherwise make the server post to, and time, internal services. The
 * operator allows internal receivers by host name, by address or range ({@code 10.1.0.0/16}), or all
 * with {@code *}. A URL is checked when the webhook is created and, since a name may resolve
 * elsewhere later, again at delivery, on the addresses the name resolves to then.
 */
public final class WebhookAddressPolicy {
    /** The default: public addresses only. */
    public static final WebhookAddressPolicy PUBLIC_ONLY = new WebhookAddressPolicy(List.of());

    private final List<String> allowed;

    private WebhookAddressPolicy(List<String> allowed) {
        this.allowed = allowed;
    }

    /**
     * A policy that also allows the given internal receivers.
     *
     * @param entries host names, addresses, CIDR ranges, or {@code *} for every address
     * @return the policy
     * @throws UserError when an entry is no name, address or range
     */
    public static WebhookAddressPolicy allowing(List<String> entries) {
        List<String> normalized = entries.stream()
                .map(entry -> entry.strip().toLowerCase(Locale.ROOT))
                .filter(entry -> !entry.isEmpty())
                .toList();
        for (String entry : normalized) {
            if (entry.contains("/")) {
                cidr(entry);
            }
        }
        return new WebhookAddressPolicy(normalized);
    }

    /**
     * Checks a webhook URL: its host is resolved and every address it resolves to must be allowed.
     *
     * @param url the webhook's URL
     * @throws UserError naming the host when it cannot be resolved or points inside
     */
    public void check(URI url) {
        Objects.requireNonNull(url, "url");
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new UserError("The webhook URL " + url + " names no host");
        }
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (allowed.contains("*") || allowed.contains(name.toLowerCase(Locale.ROOT))) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw new UserError("The webhook host " + name + " cannot be resolved");
        }
        for (InetAddress address : addresses) {
            check(name, address);
        }
    }

    /**
     * Checks one address a webhook host resolved to, as delivery connects to it.
     *
     * @param host the host name of the URL, for the message
     * @param address the resolved address
     * @throws UserError when the address is internal and not allowed
     */
    public void check(String host, InetAddress address) {
        if (internal(address) && !allows(address)) {
            throw new UserError("The webhook host " + host + " is an internal address (" + address.getHostAddress()
                    + "); this server delivers webhooks to public addresses only unless its operator allows more"
                    + " (mlops server --webhook-allow-hosts)");
        }
    }

    private boolean allows(InetAddress address) {
        for (String entry : allowed) {
            if (entry.equals("*")) {
                return true;
            }
            if (entry.contains("/")) {
                if (inRange(address, entry)) {
                    return true;
                }
            } else if (isLiteral(entry) && literal(entry).equals(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an address lies inside private, local or special networks.
     *
     * @param address the address
     * @return true for loopback, link-local, private, unique-local, CGNAT, unspecified or multicast
     */
    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7 (AWS metadata fd00:ec2::254 among them)
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            if (mapped && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean inRange(InetAddress address, String range) {
        Object[] parsed = cidr(range);
        byte[] network = ((InetAddress) parsed[0]).getAddress();
        int bits = (Integer) parsed[1];
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((bytes[i / 8] & mask) != (network[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static Object[] cidr(String range) {
        int slash = range.indexOf('/');
        String base = range.substring(0, slash);
        if (!isLiteral(base)) {
            throw new UserError("'" + range + "' is no address range; write e.g. 10.1.0.0/16");
        }
        InetAddress network = literal(base);
        int bits;
        try {
            bits = Integer.parseInt(range.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new UserError("'" + range + "' is no address range; write e.g. 10.1.0.0/16");
        }
        if (bits < 0 || bits > network.getAddress().length * 8) {
            throw new UserError("'" + range + "' has a prefix length out of range");
        }
        return new Object[] {network, bits};
    }

    // Only digits, dots, colons and hex: resolving it makes no DNS query.
    private static boolean isLiteral(String text) {
        return !text.isEmpty()
                && text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')
                && (text.contains(":") || text.chars().filter(c -> c == '.').count() == 3);
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new UserError("'" + text + "' is no IP address");
        }
    }
}
