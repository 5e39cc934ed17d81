namespace Onboarding.Tests.Support;

/// <summary>
/// For a host that trusts 127.0.0.1 as its proxy: each request without an <c>X-Forwarded-For</c>
/// comes from a client address of its own, so the limits per client only meet the tests that
/// send one address on purpose.
/// </summary>
public sealed class ClientAddressHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public const string Header = "X-Forwarded-For";

    /// <summary>An address in 198.18.0.0/15 (set aside for tests), different almost every time.</summary>
    public static string NewAddress() => $"198.{18 + Random.Shared.Next(2)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.Contains(Header))
        {
            request.Headers.Add(Header, NewAddress());
        }

        return base.SendAsync(request, cancellationToken);
    }
}
