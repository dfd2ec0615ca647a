"""Tree nodes: one object per organization, childless nodes share one empty list that refuses changes."""

import pytest

from tuanwu.organizations.selectors import NO_CHILDREN, organization_tree
from tuanwu.people.selectors import member_counts


def all_nodes(roots):
    stack, out = list(roots), []
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(node.children)
    return out


@pytest.mark.django_db
def test_each_total_is_the_sum_of_the_direct_counts_below_and_nodes_read_as_organizations(cast):
    nodes = all_nodes(organization_tree(cast.users["county_admin"], member_counts()))

    for node in nodes:
        below = [n for n in nodes if n.path.startswith(node.path)]
        assert node.total == sum(n.direct for n in below)
        assert node.org is node
        assert (node.org.pk, node.org.name) == (node.pk, node.name)
    assert {n.pk for n in nodes} >= {cast.county.pk, cast.town.pk, cast.branch.pk}


@pytest.mark.django_db
def test_a_childless_node_has_the_shared_empty_list_which_cannot_be_changed(cast):
    nodes = all_nodes(organization_tree(cast.users["county_admin"], member_counts()))
    leaf = next(n for n in nodes if n.pk == cast.branch.pk)

    assert leaf.children == [] and leaf.children is NO_CHILDREN
    with pytest.raises(TypeError):
        leaf.children.append(leaf)
    assert NO_CHILDREN == []
