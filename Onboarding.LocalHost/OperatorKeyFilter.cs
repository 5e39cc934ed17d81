using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Onboarding.Application.Http;

namespace Onboarding.LocalHost;

/// <summary>Section <c>Operator</c> of the local host.</summary>
public sealed class OperatorOptions
{
    public const string SectionName = "Operator";

    /// <summary>The key operator requests send as <c>x-functions-key</c>. Empty: every operator request is refused.</summary>
    public string Key { get; set; } = "";
}

/// <summary>
/// The local stand-in for <c>AuthorizationLevel.Function</c>: the <c>x-functions-key</c> header
/// must equal <c>Operator:Key</c> (compared in constant time). Missing or wrong: 401 problem+json.
/// </summary>
public sealed class OperatorKeyFilter(IOptions<OperatorOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        string expected = options.Value.Key;
        var sent = context.HttpContext.Request.Headers["x-functions-key"];
        bool valid = expected.Length > 0 && sent.Count == 1 && sent[0] is { } key
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
        return valid ? await next(context) : Problems.OperatorKeyRequired().ToResult();
    }
}
