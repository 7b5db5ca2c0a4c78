package io.redissession.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterNodeTest {

    private static final String MASTER_ID = "37b7336b8d31d8e3e88d242f6708c815b93695a7";
    private static final String REPLICA_ID = "1a72ce8ab7c2072b627ecc554047dae8e3f42f40";

    @Test
    void parsesAMasterWithSlotRangesSingleSlotsAndAMigratingSlot() {
        ClusterNode node = ClusterNode.parse(MASTER_ID + " 127.0.0.1:23461@33461 myself,master - 0 0 0 connected 0-2 5 7 [7->-"
                + REPLICA_ID + "]");
        assertEquals(MASTER_ID, node.id());
        assertEquals(23461, node.port());
        assertTrue(node.isMyself());
        assertTrue(node.isMaster());
        assertFalse(node.isReplica());
        assertFalse(node.isFailing());
        assertFalse(node.isJoining());
        assertTrue(node.isConnected());
        assertNull(node.masterId());
        assertEquals(5, node.slotCount());
        assertEquals(0, node.firstSlot());
        assertTrue(node.owns(2) && node.owns(5) && node.owns(7));
        assertFalse(node.owns(3) || node.owns(8));
    }

    @Test
    void parsesAReplicaAndTheLinesOfEveryListedNode() {
        List<ClusterNode> nodes = ClusterNode.parseAll(REPLICA_ID + " 127.0.0.1:23462@33462 slave " + MASTER_ID
                + " 0 1795755178688 0 connected\n" + MASTER_ID + " 127.0.0.1:23461@33461 myself,master - 0 0 0 connected 0-16383\n");
        assertEquals(2, nodes.size());
        ClusterNode replica = nodes.get(0);
        assertTrue(replica.isReplica());
        assertFalse(replica.isMaster() || replica.isMyself());
        assertEquals(MASTER_ID, replica.masterId());
        assertEquals(0, replica.slotCount());
        assertEquals(-1, replica.firstSlot());
        assertEquals(16384, nodes.get(1).slotCount());
    }

    @Test
    void readsThePortOfEveryAddressForm() {
        assertEquals(23461, ClusterNode.parse(MASTER_ID + " :23461@33461 myself,master - 0 0 0 connected").port());
        assertEquals(30001, ClusterNode.parse(MASTER_ID + " 127.0.0.1:30001@40001,node-a master - 0 0 1 connected").port());
        assertEquals(30001, ClusterNode.parse(MASTER_ID + " 127.0.0.1:30001 master - 0 0 1 connected").port());
    }

    @Test
    void recognisesJoiningAndFailingNodes() {
        ClusterNode joining = ClusterNode.parse(MASTER_ID + " 127.0.0.1:30002@40002 handshake - 1700000000000 0 0 disconnected");
        assertTrue(joining.isJoining());
        assertFalse(joining.isConnected());
        assertTrue(ClusterNode.parse(MASTER_ID + " :0@0 master,noaddr - 1 1 2 disconnected").isJoining());
        assertTrue(ClusterNode.parse(MASTER_ID + " 127.0.0.1:30003@40003 master,fail - 1 1 3 disconnected").isFailing());
        assertTrue(ClusterNode.parse(MASTER_ID + " 127.0.0.1:30003@40003 master,fail? - 1 1 3 connected 0-5460").isFailing());
    }

    @Test
    void rejectsMalformedLines() {
        assertThrows(IllegalArgumentException.class, () -> ClusterNode.parse("id 127.0.0.1:1@2 master -"));
        assertThrows(IllegalArgumentException.class, () -> ClusterNode.parse(MASTER_ID + " 127.0.0.1:x@1 master - 0 0 0 connected"));
        assertThrows(IllegalArgumentException.class, () -> ClusterNode.parse(MASTER_ID + " 127.0.0.1:1@2 master - 0 0 0 connected 5-x"));
    }
}
