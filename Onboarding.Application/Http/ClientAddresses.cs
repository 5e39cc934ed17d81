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
    /// What the limits count a client as: its IPv4 address, or the /64 network of an IPv6 one
    /// (one subscriber usually holds a whole /64, so single addresses would be free to rotate).
    /// </summary>
    public string CountedAs(HttpRequest request) => ClientOf(request) switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6 } v6 => new IPNetwork(Prefix64(v6), 64).ToString(),
        var v4 => v4.ToString(),
    };

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

    static IPAddress Prefix64(IPAddress address)
    {
        byte[] bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
