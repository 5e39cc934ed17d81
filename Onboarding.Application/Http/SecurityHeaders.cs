using Microsoft.AspNetCore.Http;

namespace Onboarding.Application.Http;

/// <summary>What every response of both hosts carries (the contract's "Browsers" section).</summary>
public static class SecurityHeaders
{
    public static void Apply(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
