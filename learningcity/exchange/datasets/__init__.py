"""The kinds of table the platform exchanges: what each exports, what each imports, and who
may do which. `DATASETS` is the registry the import/export pages, the command and open data
read."""

from __future__ import annotations

from learningcity.exchange.datasets.attendance import AttendanceDataset
from learningcity.exchange.datasets.base import Dataset, Prepared, RowError
from learningcity.exchange.datasets.initiatives import InitiativesDataset
from learningcity.exchange.datasets.measurements import MeasurementsDataset
from learningcity.exchange.datasets.opportunities import OpportunitiesDataset
from learningcity.exchange.datasets.partners import PartnersDataset
from learningcity.exchange.datasets.skills import SkillsDataset

DATASETS: dict[str, Dataset] = {
    dataset.kind: dataset
    for dataset in (
        PartnersDataset(),
        InitiativesDataset(),
        OpportunitiesDataset(),
        MeasurementsDataset(),
        AttendanceDataset(),
        SkillsDataset(),
    )
}

__all__ = ["DATASETS", "Dataset", "Prepared", "RowError"]
