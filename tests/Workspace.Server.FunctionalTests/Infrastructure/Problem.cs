using System.Net;
using System.Text.Json.Nodes;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>Asserts a problem+json refusal.</summary>
public static class Problem
{
    public static async Task<JsonNode> Assert(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Xunit.Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Xunit.Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Xunit.Assert.Equal(code, (string?)problem["code"]);
        Xunit.Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        return problem;
    }
}
