using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Onboarding.Application.PersonalData.Http;
using Onboarding.Application.Http;

namespace Onboarding.Functions;

/// <summary>The user's erasure request. Anonymous at the Functions level: the handler checks the journey token.</summary>
public sealed class PersonalDataHttpFunctions(ErasureEndpoints erasure)
{
    [Function("RequestErasure")]
    public Task<IResult> RequestErasure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Erase)] HttpRequest request,
        string journeyId,
        [DurableClient] DurableTaskClient durable) =>
        erasure.EraseAsync(request, journeyId, durable);
}
