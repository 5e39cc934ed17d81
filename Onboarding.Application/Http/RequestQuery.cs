using Microsoft.AspNetCore.Http;

namespace Onboarding.Application.Http;

/// <summary>Query-string parameters that may be given at most once.</summary>
public static class RequestQuery
{
    /// <summary>The parameter's value, or null when absent or empty; 400 when it is given more than once.</summary>
    public static string? Single(HttpRequest request, string name) => request.Query[name].Count switch
    {
        0 => null,
        1 when !string.IsNullOrEmpty(request.Query[name][0]) => request.Query[name][0],
        1 => null,
        _ => throw Problems.Validation(name, "Give this parameter once."),
    };
}
