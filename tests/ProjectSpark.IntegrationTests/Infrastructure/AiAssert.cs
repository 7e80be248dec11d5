using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProjectSpark.IntegrationTests.Infrastructure;

public static class AiAssert
{
    /// <summary>The request's drafts, as the mentor sees them: all pending review, drafted by the model, complete.</summary>
    public static async Task DraftsPendingReview(HttpClient mentor, JsonObject request, int count, string model)
    {
        var ids = request["draftIds"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToArray();
        Assert.Equal(count, ids.Length);
        foreach (var id in ids)
        {
            var draft = await mentor.GetFromJsonAsync<JsonObject>($"/api/drafts/{id}");
            Assert.Equal("pendingReview", draft!["status"]!.GetValue<string>());
            Assert.Equal("semantic-kernel", draft["provenance"]!["generator"]!.GetValue<string>());
            Assert.Equal(model, draft["provenance"]!["model"]!.GetValue<string>());
            Assert.Equal("draft-student-projects@2", draft["provenance"]!["promptVersion"]!.GetValue<string>());
            Assert.InRange(draft["milestones"]!.AsArray().Count, 3, 6);
        }
    }
}
