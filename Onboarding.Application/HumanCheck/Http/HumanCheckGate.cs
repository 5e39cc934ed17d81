using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Http;
using Onboarding.Application.Operators;

namespace Onboarding.Application.HumanCheck.Http;

/// <summary>
/// The bot check of the routes that send something to an address the caller names (the start, the
/// resends): with <c>HumanCheck:Provider=turnstile</c> they need a <c>humanCheckToken</c> the
/// check service accepts, else <c>403 human-check-failed</c>. With <c>none</c> nothing is asked.
/// </summary>
public sealed class HumanCheckGate(IHumanCheck check, IOptions<HumanCheckOptions> options, ClientAddresses clients, JourneyMetrics metrics)
{
    /// <summary>Turnstile's tokens are at most 2048 characters.</summary>
    const int MaxTokenLength = 2048;

    /// <summary>A token sent is checked for its form whatever the provider (the body is strict either way): <c>400</c> otherwise.</summary>
    public static void RequireWellFormed(string? token)
    {
        if (token is not null && (token.Length is 0 or > MaxTokenLength || !token.All(c => c is > ' ' and <= '~')))
        {
            throw Problems.Validation("humanCheckToken", $"Must be the human check's token: 1 to {MaxTokenLength} printable ASCII characters.");
        }
    }

    /// <summary>A token solved for <paramref name="action"/> (<see cref="HumanCheckActions"/>) on one of our pages, when a provider is configured.</summary>
    public async Task RequireAsync(HttpRequest request, string? token, string action)
    {
        RequireWellFormed(token);
        if (options.Value.Provider == HumanCheckProvider.None)
        {
            return;
        }

        if (token is null || !await check.IsHumanAsync(token, clients.ClientOf(request)?.ToString(), action, request.HttpContext.RequestAborted))
        {
            metrics.Refused("human-check");
            throw Problems.HumanCheckFailed();
        }
    }
}
