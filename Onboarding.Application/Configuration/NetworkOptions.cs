using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Onboarding.Application.Configuration;

/// <summary>Section <c>Network</c>: which proxies in front of the app may say who the client is.</summary>
public sealed class NetworkOptions : IValidatableObject
{
    public const string SectionName = "Network";

    /// <summary>
    /// Addresses or networks (<c>10.0.0.0/8</c>, <c>::1</c>) of proxies whose <c>X-Forwarded-For</c>
    /// and <c>X-Forwarded-Proto</c> are believed. Empty: the connection's address is the client's.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    public IReadOnlyList<IPNetwork> TrustedNetworks() => TrustedProxies.Select(Parse).OfType<IPNetwork>().ToArray();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (string entry in TrustedProxies.Where(entry => Parse(entry) is null))
        {
            yield return new ValidationResult($"TrustedProxies: '{entry}' is not an IP address or network.", [nameof(TrustedProxies)]);
        }
    }

    static IPNetwork? Parse(string entry)
    {
        string text = entry.Trim();
        if (IPNetwork.TryParse(text, out IPNetwork network))
        {
            return network;
        }

        return IPAddress.TryParse(text, out IPAddress? address)
            ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            : null;
    }
}
