using Azure.Data.Tables;
using GlueTeams.Storage.Tables;

namespace GlueTeams.Storage.Tests;

[TestClass]
public sealed class TableLimitsTests
{
    private static TableTransactionAction Upsert(string partition, int row, string payload = "x") =>
        new(TableTransactionActionType.UpsertMerge, new TableEntity(partition, row.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)) { ["P"] = payload });

    [TestMethod]
    public void Transactions_SplitsAtOneHundred()
    {
        var batches = TableLimits.Transactions(Enumerable.Range(0, 250).Select(i => Upsert("p", i))).ToList();
        CollectionAssert.AreEqual(new[] { 100, 100, 50 }, batches.Select(b => b.Count).ToArray());
    }

    [TestMethod]
    public void Transactions_NeverMixPartitions()
    {
        var actions = Enumerable.Range(0, 30).Select(i => Upsert(i % 3 == 0 ? "a" : "b", i));
        var batches = TableLimits.Transactions(actions).ToList();
        Assert.HasCount(2, batches);
        Assert.IsTrue(batches.All(b => b.Select(a => a.Entity.PartitionKey).Distinct().Count() == 1));
    }

    [TestMethod]
    public void Transactions_SplitsBeforeFourMebibytes()
    {
        var payload = new string('x', 30_000); // ~60 KB each: 100 of them would be ~6 MB
        var batches = TableLimits.Transactions(Enumerable.Range(0, 100).Select(i => Upsert("p", i, payload))).ToList();
        Assert.IsGreaterThan(1, batches.Count);
        Assert.IsTrue(batches.All(b => b.Sum(a => TableLimits.EstimateBytes((TableEntity)a.Entity)) <= TableLimits.MaxTransactionBytes));
    }

    [TestMethod]
    public void CheckEntity_TooManyProperties_Refused()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 253; i++)
        {
            entity["P" + i] = i;
        }
        Assert.ThrowsExactly<TableLimitException>(() => TableLimits.CheckEntity(entity));
        entity.Remove("P252");
        TableLimits.CheckEntity(entity);
    }

    [TestMethod]
    public void CheckEntity_OverOneMebibyte_Refused()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 20; i++)
        {
            entity["P" + i] = new string('x', 30_000);
        }
        Assert.ThrowsExactly<TableLimitException>(() => TableLimits.CheckEntity(entity));
    }

    [TestMethod]
    public void Encode_PlainIdsPassAndOthersBecomeSafeHashes()
    {
        Assert.AreEqual("00000000-0000-0000-0000-000000000020", TableKeys.Encode("00000000-0000-0000-0000-000000000020"));
        foreach (var hostile in new[] { "a/b", "a#b", "a?b", "a\\b", "\u0001", "🎉", new string('a', 1024), "~x", "" })
        {
            var key = TableKeys.Encode(hostile);
            Assert.StartsWith("~", key);
            Assert.IsTrue(key.All(c => char.IsAsciiLetterOrDigit(c) || c is '~' or '-' or '_'), key);
            Assert.IsLessThanOrEqualTo(44, key.Length);
        }
        Assert.AreNotEqual(TableKeys.Encode("a/b"), TableKeys.Encode("a/c"));
    }
}
