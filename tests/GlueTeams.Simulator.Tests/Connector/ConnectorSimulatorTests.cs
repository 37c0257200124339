using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GlueTeams.Simulator.Connector;
using Microsoft.Extensions.Time.Testing;

namespace GlueTeams.Simulator.Tests.Connector;

/// <summary>The Bot Connector simulator over HTTP: what Teams' /v3/conversations answers, its faults, and what it records.</summary>
[TestClass]
public sealed class ConnectorSimulatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 14, 0, 0, TimeSpan.Zero));

    private static JsonObject Message(string type = "message") => new() { ["type"] = type, ["text"] = "hi" };

    private static string ActivitiesPath(string conversationId) => $"connector/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";

    [TestMethod]
    public async Task Create_send_reply_and_update_are_answered_and_recorded_with_typing_not_counted_as_delivered()
    {
        await using var host = await ConnectorSimulatorHost.StartAsync(new SimulatedConnector(time: _time));
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        using var created = await http.PostAsJsonAsync("connector/v3/conversations", new JsonObject { ["tenantId"] = "tenant-a", ["members"] = new JsonArray(new JsonObject { ["id"] = "29:u" }) });
        var conversation = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        using var typing = await http.PostAsJsonAsync(ActivitiesPath(conversation), Message("typing"));
        using var sent = await http.PostAsJsonAsync(ActivitiesPath(conversation), Message());
        using var reply = await http.PostAsJsonAsync(ActivitiesPath(conversation) + "/1%3A1", Message());
        using var update = await http.PutAsJsonAsync(ActivitiesPath(conversation) + "/1%3A1", Message());

        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode);
        Assert.IsTrue(new[] { typing, sent, reply, update }.All(r => r.StatusCode == HttpStatusCode.OK));
        Assert.AreEqual(3, host.Connector.DeliveredPerConversation()[conversation], "typing is not a delivered message");
        Assert.HasCount(5, host.Connector.Received);
    }

    [TestMethod]
    public async Task Above_50_requests_a_second_for_a_tenant_Teams_answers_429_with_Retry_After()
    {
        await using var host = await ConnectorSimulatorHost.StartAsync(new SimulatedConnector(time: _time));
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        host.Connector.AddConversation("a:chat-1", "tenant-a");
        host.Connector.AddConversation("a:chat-2", "tenant-b");

        var responses = await Task.WhenAll(Enumerable.Range(0, 80).Select(_ => http.PostAsJsonAsync(ActivitiesPath("a:chat-1"), Message())));
        using var otherTenant = await http.PostAsJsonAsync(ActivitiesPath("a:chat-2"), Message());

        Assert.AreEqual(50, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.AreEqual(30, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests && r.Headers.RetryAfter?.Delta == TimeSpan.FromSeconds(1)));
        Assert.AreEqual(HttpStatusCode.OK, otherTenant.StatusCode, "the limit is per tenant");
        Assert.AreEqual(30, host.Connector.Throttled);
        _time.Advance(TimeSpan.FromSeconds(1));
        using var nextSecond = await http.PostAsJsonAsync(ActivitiesPath("a:chat-1"), Message());
        Assert.AreEqual(HttpStatusCode.OK, nextSecond.StatusCode);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [TestMethod]
    public async Task A_refused_conversation_gets_403_or_404_and_others_are_served()
    {
        await using var host = await ConnectorSimulatorHost.StartAsync(new SimulatedConnector(time: _time));
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        host.Connector.Refuse("a:blocked", 403);
        host.Connector.Refuse("a:gone", 404);

        using var blocked = await http.PostAsJsonAsync(ActivitiesPath("a:blocked"), Message());
        using var gone = await http.PostAsJsonAsync(ActivitiesPath("a:gone"), Message());
        using var fine = await http.PostAsJsonAsync(ActivitiesPath("a:fine"), Message());

        Assert.AreEqual(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, fine.StatusCode);
        Assert.AreEqual(1, host.Connector.DeliveredPerConversation().Values.Sum());
    }

    [TestMethod]
    public async Task Shares_of_429_and_503_carry_Retry_After_and_a_malformed_body_gets_400()
    {
        await using var host = await ConnectorSimulatorHost.StartAsync(new SimulatedConnector(time: _time) { UnavailableShare = 1, RetryAfterSeconds = 7 });
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        using var unavailable = await http.PostAsJsonAsync(ActivitiesPath("a:chat"), Message());
        host.Connector.UnavailableShare = 0;
        host.Connector.ThrottleShare = 1;
        using var throttled = await http.PostAsJsonAsync(ActivitiesPath("a:chat"), Message());
        using var malformed = await http.PostAsync(ActivitiesPath("a:chat"), new StringContent("{\"type\":", System.Text.Encoding.UTF8, "application/json"));

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.AreEqual(TimeSpan.FromSeconds(7), unavailable.Headers.RetryAfter?.Delta);
        Assert.AreEqual(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.IsEmpty(host.Connector.DeliveredPerConversation());
    }
}
