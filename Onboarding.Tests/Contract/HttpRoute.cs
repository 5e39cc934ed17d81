using System.Text.RegularExpressions;

namespace Onboarding.Tests.Contract;

/// <summary>
/// One served route as (METHOD, /path), normalised so that the OpenAPI document, ASP.NET Core
/// route patterns and Functions trigger routes compare equal: upper-case method, a leading
/// slash, no trailing slash, and route parameters reduced to their name (<c>{id:int?}</c>,
/// <c>{*id}</c> and <c>{id}</c> are all <c>{id}</c>).
/// </summary>
public readonly partial record struct HttpRoute(string Method, string Path)
{
    public static HttpRoute Of(string method, string template)
    {
        // An optional parameter that can only be empty stands for no segment (how a Functions route matches "/").
        string path = "/" + EmptyOnly().Replace(template.Trim(), "").Trim('/');
        return new HttpRoute(method.Trim().ToUpperInvariant(), Parameter().Replace(path, "{$1}"));
    }

    public override string ToString() => $"{Method} {Path}";

    /// <summary>Fails with the routes each side has that the other has not.</summary>
    public static void AssertSame(IEnumerable<HttpRoute> expected, string expectedName, IEnumerable<HttpRoute> actual, string actualName)
    {
        var left = expected.ToHashSet();
        var right = actual.ToHashSet();
        string[] onlyLeft = left.Except(right).Select(route => route.ToString()).Order(StringComparer.Ordinal).ToArray();
        string[] onlyRight = right.Except(left).Select(route => route.ToString()).Order(StringComparer.Ordinal).ToArray();
        if (onlyLeft.Length > 0 || onlyRight.Length > 0)
        {
            Assert.Fail(
                $"The routes of {expectedName} and {actualName} differ.\n"
                + $"In {expectedName} only:\n  {(onlyLeft.Length == 0 ? "(none)" : string.Join("\n  ", onlyLeft))}\n"
                + $"In {actualName} only:\n  {(onlyRight.Length == 0 ? "(none)" : string.Join("\n  ", onlyRight))}");
        }
    }

    [GeneratedRegex(@"\{\**([A-Za-z_][A-Za-z0-9_]*)[^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\{[A-Za-z_][A-Za-z0-9_]*:maxlength\(0\)\?\}", RegexOptions.CultureInvariant)]
    private static partial Regex EmptyOnly();
}
