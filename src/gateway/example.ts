/** The example printed at start-up and shown in the browser page: it crosses five subgraphs. */
export const EXAMPLE_QUERY = `query Dossier {
  units(first: 3, kind: TOWNSHIP) {
    totalCount
    nodes {
      name
      creditCode
      region { name }
      leadershipTeam { name post }
      petitionStats { total }
      clues(first: 3) { totalCount nodes { receivedDate disposalMethod status } }
      auditFindings(first: 3) { totalCount nodes { category severity rectificationStatus } }
      inspections { round { name kind } }
    }
  }
}`;
