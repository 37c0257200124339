using GlueTeams.Core.Suggestions;
using GlueTeams.Storage.Suggestions;
using GlueTeams.Storage.Users;

namespace GlueTeams.Storage.Tests;

/// <summary>The tenant model's counts in Azurite: updated one confirmation at a time, under races, bounded, and forgotten per user.</summary>
[TestClass]
public sealed class TenantModelStoreTests : StorageTestBase
{
    private const string Tenant = "00000000-0000-0000-0000-0000000000001";

    [TestMethod]
    public async Task Concurrent_confirmations_each_count_once_and_the_loaded_model_predicts_like_one_trained_at_once()
    {
        var store = new TenantModelStore(Tables);
        var confirmed = Enumerable.Range(0, 40).Select(i => (Title: i % 2 == 0 ? $"Chili cook-off {i}" : $"Squad standup {i}", Category: i % 2 == 0 ? "community" : "not-glue")).ToList();

        // 40 confirmations by 8 users at once: every one reads, adds and writes under the ETag it read.
        await Task.WhenAll(confirmed.Select((c, i) => store.AddAsync(Tenant, $"user-{i % 8}", CategoryCounts.Of(c.Category, c.Title))));

        var counts = await store.LoadAsync(Tenant);
        Assert.AreEqual(20, counts.Single(c => c.CategoryId == "community").Documents);
        Assert.AreEqual(20, counts.Single(c => c.CategoryId == "not-glue").Documents);
        var stored = TenantModel.FromCounts(counts);
        var atOnce = TenantModel.Train(confirmed);
        foreach (var probe in new[] { "Chili cook-off", "standup", "cook-off planning" })
        {
            Assert.AreEqual(atOnce.Predict(TitleText.Parse(probe)), stored.Predict(TitleText.Parse(probe)), probe);
        }
    }

    [TestMethod]
    public async Task Forgetting_a_user_takes_exactly_their_confirmations_out_and_leaves_no_row_naming_them()
    {
        var store = new TenantModelStore(Tables);
        await store.AddAsync(Tenant, "stays", CategoryCounts.Of("community", "Chili cook-off"));
        await store.AddAsync(Tenant, "leaves", CategoryCounts.Of("community", "Secret project kickoff"));
        await store.AddAsync(Tenant, "leaves", CategoryCounts.Of("hiring", "Interview loop"));

        Assert.AreEqual(2, await store.ForgetUserAsync(Tenant, "leaves"));

        var counts = await store.LoadAsync(Tenant);
        Assert.AreEqual(1, counts.Single().Documents);
        Assert.AreEqual("community", counts.Single().CategoryId);
        CollectionAssert.AreEquivalent(CategoryCounts.Of("community", "Chili cook-off").Features.Keys.ToList(), counts.Single().Features.Keys.ToList(), "no word of the forgotten titles is left");
        await foreach (var row in Tables.TenantModels.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            Assert.DoesNotContain("leaves", row.RowKey);
            Assert.AreNotEqual("leaves", row.GetString("User"));
        }
    }

    [TestMethod]
    public async Task A_category_with_more_words_than_a_row_holds_keeps_the_commonest_and_still_fits()
    {
        var store = new TenantModelStore(Tables);
        var many = new CategoryCounts("community", 1, 5000, Enumerable.Range(0, 5000).ToDictionary(i => $"word{i:D5}-with-some-length", i => i == 0 ? 50 : 1));

        await store.AddAsync(Tenant, "u", many);

        var stored = (await store.LoadAsync(Tenant)).Single();
        Assert.IsLessThan(5000, stored.Features.Count);
        Assert.AreEqual(50, stored.Features["word00000-with-some-length"], "the commonest word is kept");
        Assert.AreEqual(5000, stored.TotalFeatures, "the total still counts every word, for the model's smoothing");
    }

    [TestMethod]
    public async Task Erasing_a_user_forgets_what_they_taught_the_model()
    {
        var store = new TenantModelStore(Tables);
        await store.AddAsync(Tenant, "u-1", CategoryCounts.Of("community", "Chili cook-off"));
        var eraser = new UserDataEraser(Tables, Activities, SyncStates, Audit, Claims, Users, new ErasureTombstones(Tables, Time));

        await eraser.EraseAsync(Tenant, "u-1");

        Assert.IsEmpty(await store.LoadAsync(Tenant));
    }
}
