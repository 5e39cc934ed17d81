using Onboarding.Application.Contract;
using Onboarding.Application.Http;

namespace Onboarding.LocalHost.Faults;

/// <summary>
/// <c>/dev/faults</c>: <c>GET</c> the rules in force, <c>PUT</c> a <see cref="FaultPlan"/> to replace
/// them, <c>DELETE</c> to clear them. Local host only, and only with <c>DevFaults:Enabled</c>.
/// </summary>
public static class DevFaultEndpoints
{
    public const string Route = "/dev/faults";

    public static void MapDevFaults(this WebApplication app)
    {
        app.MapGet(Route, (HttpRequest r, ApiCall api, DevFaults faults) =>
            api.RunAsync(r, () => Task.FromResult(Plan(faults))));
        app.MapPut(Route, (HttpRequest r, ApiCall api, DevFaults faults) => api.RunAsync(r, async () =>
        {
            FaultPlan plan = await RequestBody.ReadJsonAsync<FaultPlan>(r);
            var errors = new Onboarding.Domain.Validation.ValidationErrors();
            for (int i = 0; i < (plan.Rules?.Count ?? 0); i++)
            {
                FaultRule rule = plan.Rules![i];
                if (!rule.Fits)
                {
                    errors.Add($"rules[{i}].mode", $"'{rule.Mode}' is not a fault of '{rule.Target}' (acs: throttle, unavailable, hang; bank: fail, timeout, timeoutAfterPaying; eventGrid: throttle, unavailable, hang, drop).");
                }

                if (rule.Share is < 0 or > 1 || rule.RetryAfterSeconds is < 1 or > 3600 || rule.DelaySeconds is < 0 or > 600)
                {
                    errors.Add($"rules[{i}]", "share is 0 to 1, retryAfterSeconds 1 to 3600, delaySeconds 0 to 600.");
                }
            }

            if (plan.Rules is null || !errors.IsEmpty)
            {
                throw plan.Rules is null ? Problems.Validation("rules", "Give the rules (an empty list clears them).") : Problems.Validation(errors);
            }

            faults.Replace(plan.Rules);
            return Plan(faults);
        }));
        app.MapDelete(Route, (HttpRequest r, ApiCall api, DevFaults faults) => api.RunAsync(r, () =>
        {
            faults.Replace([]);
            return Task.FromResult(Plan(faults));
        }));
    }

    static IResult Plan(DevFaults faults) => new NoStoreResult(Results.Json(new FaultPlan(faults.Rules), ApiJson.Options));
}
