using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Onboarding.Tests.Browser;

/// <summary>axe-core (Deque.AxeCore.Playwright) on the page as it is now: WCAG 2.0, 2.1 and 2.2 level A and AA rules.</summary>
public static class Accessibility
{
    static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    };

    /// <summary>Fails on any serious or critical violation, naming the rule and the elements.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string where)
    {
        AxeResult result = await page.RunAxe(WcagAa);
        string[] violations = result.Violations
            .Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{violation.Id} ({violation.Impact}): {violation.Help} at "
                + string.Join(", ", violation.Nodes.Select(node => node.Target?.ToString() ?? node.Html)))
            .ToArray();
        Assert.True(violations.Length == 0, $"axe on {where}:\n  " + string.Join("\n  ", violations));
    }
}
