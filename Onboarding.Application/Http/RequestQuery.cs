using Microsoft.AspNetCore.Http;
using Onboarding.Domain.Validation;

namespace Onboarding.Application.Http;

/// <summary>
/// Query strings as the JSON routes take them: only the parameters a route declares, each at most
/// once and never empty (an empty filter is a mistake to tell, not a filter to drop). Pages and files
/// ignore what they do not know: browsers, mail clients and link trackers add parameters of their own.
/// </summary>
public static class RequestQuery
{
    /// <summary>400 for a parameter that is not one of <paramref name="declared"/>, or one given empty or twice.</summary>
    public static void RequireDeclared(HttpRequest request, IReadOnlyCollection<string> declared)
    {
        var errors = new ValidationErrors();
        foreach ((string name, var values) in request.Query)
        {
            if (!declared.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(name, declared.Count == 0
                    ? "This route takes no query parameters."
                    : $"This parameter is not part of the request (it takes {string.Join(", ", declared)}).");
            }
            else if (values.Count > 1)
            {
                errors.Add(name, "Give this parameter once.");
            }
            else if (string.IsNullOrEmpty(values[0]))
            {
                errors.Add(name, "Give this parameter a value, or leave it out.");
            }
        }

        if (!errors.IsEmpty)
        {
            throw Problems.Validation(errors);
        }
    }

    /// <summary>The parameter's value, or null when absent; 400 when it is given empty or more than once.</summary>
    public static string? Single(HttpRequest request, string name) => request.Query[name].Count switch
    {
        0 => null,
        1 when !string.IsNullOrEmpty(request.Query[name][0]) => request.Query[name][0],
        1 => throw Problems.Validation(name, "Give this parameter a value, or leave it out."),
        _ => throw Problems.Validation(name, "Give this parameter once."),
    };
}
