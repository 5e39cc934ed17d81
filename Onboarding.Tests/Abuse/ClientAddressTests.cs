using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Http;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Abuse;

[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class ClientAddressTests
{
    static HttpRequest Request(string connection, params string[] forwardedFor)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(connection);
        if (forwardedFor.Length > 0)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        return context.Request;
    }

    static ClientAddresses Trusting(params string[] proxies) => new(Options.Create(new NetworkOptions { TrustedProxies = [.. proxies] }));

    [Fact]
    public void ClientOf_ForwardedForFromAnUntrustedConnection_IsIgnored()
    {
        Assert.Equal(IPAddress.Parse("198.51.100.7"), Trusting("127.0.0.1").ClientOf(Request("198.51.100.7", "203.0.113.9")));
        Assert.Equal(IPAddress.Parse("127.0.0.1"), Trusting().ClientOf(Request("127.0.0.1", "203.0.113.9")));
    }

    [Fact]
    public void ClientOf_ThroughTrustedProxies_IsTheNearestUntrustedHop()
    {
        // The client wrote "1.2.3.4" itself; the front end appended what it saw (with a port); the app's own proxy is 10.0.0.5.
        HttpRequest request = Request("127.0.0.1", "1.2.3.4, 203.0.113.9:51234", "10.0.0.5");

        Assert.Equal(IPAddress.Parse("203.0.113.9"), Trusting("127.0.0.1", "10.0.0.0/8").ClientOf(request));
    }

    [Fact]
    public void ClientOf_GarbledHop_StopsAtTheLastGoodOne()
    {
        Assert.Equal(IPAddress.Parse("10.0.0.5"), Trusting("127.0.0.1", "10.0.0.0/8").ClientOf(Request("127.0.0.1", "203.0.113.9, nonsense, 10.0.0.5")));
    }

    [Fact]
    public void CountedAs_IPv6_ItsSlash64Slash56AndSlash48WithRisingShares()
    {
        ClientAddresses clients = Trusting();

        IReadOnlyList<ClientNetwork> counted = clients.CountedAs(Request("2001:db8:1:2aa:bbbb:cccc:dddd:eeee"));

        Assert.Equal(
            [new ClientNetwork("2001:db8:1:2aa::/64", 1), new ClientNetwork("2001:db8:1:200::/56", 4), new ClientNetwork("2001:db8:1::/48", 16)],
            counted);
        Assert.Equal(clients.CountedAs(Request("2001:db8:1:2aa::1")), clients.CountedAs(Request("2001:db8:1:2aa:ffff::9")));
    }

    [Fact]
    public void CountedAs_IPv4AndIPv4MappedIPv6_TheExactAddressAlone()
    {
        ClientAddresses clients = Trusting();

        Assert.Equal([new ClientNetwork("192.0.2.1", 1)], clients.CountedAs(Request("::ffff:192.0.2.1")));
        Assert.Equal([new ClientNetwork("192.0.2.1", 1)], clients.CountedAs(Request("192.0.2.1")));
        Assert.NotEqual(clients.CountedAs(Request("192.0.2.1")), clients.CountedAs(Request("192.0.2.2")));
    }

    [Fact]
    public void IsHttps_ForwardedProto_OnlyFromATrustedProxy()
    {
        HttpRequest forwarded = Request("127.0.0.1");
        forwarded.Headers["X-Forwarded-Proto"] = "https";
        HttpRequest direct = Request("198.51.100.7");
        direct.Headers["X-Forwarded-Proto"] = "https";

        Assert.True(Trusting("127.0.0.1").IsHttps(forwarded));
        Assert.False(Trusting("127.0.0.1").IsHttps(direct));
        Assert.False(Trusting().IsHttps(forwarded));
    }
}
