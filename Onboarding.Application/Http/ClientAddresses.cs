using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;

namespace Onboarding.Application.Http;

/// <summary>
/// Who sent a request, as far as it can be trusted: the connection's address, or — only when the
/// connection comes from a configured trusted proxy — the nearest untrusted address its
/// <c>X-Forwarded-For</c> names (a client can write anything on the left of that header; each
/// proxy appends what it saw on the right).
/// </summary>
public sealed class ClientAddresses(IOptions<NetworkOptions> options)
{
    readonly IReadOnlyList<IPNetwork> trusted = options.Value.TrustedNetworks();

    public IPAddress? ClientOf(HttpRequest request)
    {
        IPAddress? address = Plain(request.HttpContext.Connection.RemoteIpAddress);
        if (address is null || !IsTrusted(address))
        {
            return address;
        }

        string[] hops = request.Headers["X-Forwarded-For"].SelectMany(value => (value ?? "").Split(',')).ToArray();
        for (int hop = hops.Length - 1; hop >= 0; hop--)
        {
            if (ParseHop(hops[hop]) is not { } forwarded)
            {
                break; // a garbled entry: nothing left of it can be believed
            }

            address = forwarded;
            if (!IsTrusted(forwarded))
            {
                break;
            }
        }

        return address;
    }

    /// <summary>
    /// What the limits count a client as, each with the share of a client's limit it gets: its IPv4
    /// address (exact: a mapped IPv6 form counts as the IPv4 address, never as a network of others),
    /// or — IPv6 — its /64, /56 and /48 together. One subscriber holds a /64 at least, a household
    /// usually a /56 (256 /64s) and a business a /48 (65,536 /64s; RIPE-690), so counting the /64
    /// alone would give a /48 65,536 fresh clients; the wider networks get 4 and 16 times the limit,
    /// as several people may share them (docs/decisions/0022).
    /// </summary>
    public IReadOnlyList<ClientNetwork> CountedAs(HttpRequest request) => ClientOf(request) switch
    {
        null => [new ClientNetwork("unknown", 1)],
        { AddressFamily: AddressFamily.InterNetworkV6 } v6 =>
            [.. Ipv6Shares.Select(share => new ClientNetwork(new IPNetwork(Prefix(v6, share.PrefixLength), share.PrefixLength).ToString(), share.Share))],
        var v4 => [new ClientNetwork(v4.ToString(), 1)],
    };

    /// <summary>The IPv6 networks a client is counted in, narrowest first, and the share of a client's limit each gets.</summary>
    static readonly (int PrefixLength, int Share)[] Ipv6Shares = [(64, 1), (56, 4), (48, 16)];

    /// <summary>Whether the client reached us over HTTPS: the connection's scheme, or a trusted proxy's <c>X-Forwarded-Proto</c>.</summary>
    public bool IsHttps(HttpRequest request)
    {
        if (request.IsHttps)
        {
            return true;
        }

        IPAddress? connection = Plain(request.HttpContext.Connection.RemoteIpAddress);
        return connection is not null && IsTrusted(connection)
            && request.Headers["X-Forwarded-Proto"].LastOrDefault()?.Split(',').Last().Trim().Equals("https", StringComparison.OrdinalIgnoreCase) == true;
    }

    bool IsTrusted(IPAddress address) => trusted.Any(network => network.Contains(address));

    static IPAddress? ParseHop(string hop)
    {
        string text = hop.Trim();
        if (IPAddress.TryParse(text, out IPAddress? address))
        {
            return Plain(address);
        }

        // "203.0.113.7:51234" or "[2001:db8::1]:443": an address with the proxy's view of the port
        return IPEndPoint.TryParse(text, out IPEndPoint? endpoint) ? Plain(endpoint.Address) : null;
    }

    static IPAddress? Plain(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;

    static IPAddress Prefix(IPAddress address, int prefixLength)
    {
        byte[] bytes = address.GetAddressBytes();
        Array.Clear(bytes, prefixLength / 8, bytes.Length - prefixLength / 8); // 64, 56 and 48 fall on byte boundaries
        return new IPAddress(bytes);
    }
}
